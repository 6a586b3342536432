package dev.bulwark.auth.throttle;

import dev.bulwark.auth.ratelimit.RateLimitKey;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progressive delays for failing logins, counted per canonical account ({@link AccountNames}) and
 * per account and client address ({@link ThrottlePolicy} says how).
 *
 * {@snippet :
 * switch (throttle.tryAttempt(form.username(), clientAddress)) {
 *   case LoginAttempt.Delayed delayed -> loginFailed(delayed.retryAfter());
 *   case LoginAttempt.Permitted permit -> {
 *     if (passwords.verify(...).matches()) {
 *       throttle.succeeded(permit);
 *       loggedIn();
 *     } else {
 *       loginFailed(Duration.ZERO);
 *     }
 *   }
 * }
 * }
 *
 * <p>Atomic by construction (Keycloak CVE-2024-4629: concurrent logins all passed the check before
 * any failure was counted). {@link #tryAttempt} checks the delay and counts the attempt as a failure
 * in one step under the account's lock; {@link #succeeded} takes the failure back for that address.
 * So N parallel requests can never get more than the free attempts, whatever their timing.
 *
 * <p>Never a lockout: every delay is finite and the per-account cap is at most five minutes, so an
 * attacker's failures cannot keep the real user out (Keycloak CVE-2024-1722). A success resets the
 * counter of that account and address only; the per-account counter decays on its own, so the real
 * user's login does not hand a distributed attacker a fresh budget.
 *
 * <p>Memory is bounded: at most {@code maxAccounts} accounts with failures and {@value
 * #MAX_ADDRESSES_PER_ACCOUNT} addresses per account (the oldest address counter goes first; the
 * account counter still applies). When the table is full of live counters a new account's attempt is
 * delayed for a second (fail closed). Counters live in this JVM: for several instances, route logins
 * of one account to one instance or combine with a distributed {@code RateLimiter} keyed by address.
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {
  /** Address counters kept per account. */
  public static final int MAX_ADDRESSES_PER_ACCOUNT = 64;

  /** Default bound on accounts with live counters. */
  public static final int DEFAULT_MAX_ACCOUNTS = 100_000;

  private static final Duration FULL_TABLE_DELAY = Duration.ofSeconds(1);

  private final ThrottlePolicy policy;
  private final InstantSource clock;
  private final int maxAccounts;
  private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

  private LoginThrottle(ThrottlePolicy policy, InstantSource clock, int maxAccounts) {
    this.policy = policy;
    this.clock = clock;
    this.maxAccounts = maxAccounts;
  }

  /** A throttle with {@link ThrottlePolicy#DEFAULT} on the system clock. */
  public static LoginThrottle create() {
    return create(ThrottlePolicy.DEFAULT, InstantSource.system(), DEFAULT_MAX_ACCOUNTS);
  }

  /**
   * A throttle.
   *
   * @throws IllegalArgumentException if {@code maxAccounts} is not 1 to 10,000,000
   */
  public static LoginThrottle create(ThrottlePolicy policy, InstantSource clock, int maxAccounts) {
    if (maxAccounts < 1 || maxAccounts > 10_000_000) {
      throw new IllegalArgumentException("maxAccounts must be 1..10000000");
    }
    return new LoginThrottle(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(clock, "clock"),
        maxAccounts);
  }

  /**
   * Asks to check one login of {@code accountName} from {@code clientAddress}, counting it as a
   * failure now.
   *
   * @param accountName the name as typed (canonicalised here)
   * @param clientAddress the resolved client address ({@code ClientAddressResolver})
   * @throws IllegalArgumentException if the account name is blank or too long
   */
  public LoginAttempt tryAttempt(String accountName, InetAddress clientAddress) {
    String account = AccountNames.canonical(accountName);
    String addressKey = RateLimitKey.forAddress(Objects.requireNonNull(clientAddress, "clientAddress")).value();
    Instant now = clock.instant();
    if (accounts.size() >= maxAccounts && !accounts.containsKey(account)) {
      sweepAtMostEverySecond(now);
      if (accounts.size() >= maxAccounts) {
        return new LoginAttempt.Delayed(FULL_TABLE_DELAY);
      }
    }
    LoginAttempt[] result = new LoginAttempt[1];
    accounts.compute(account, (k, existing) -> {
      AccountState state = existing != null ? existing : new AccountState();
      result[0] = state.attempt(account, addressKey, now);
      return state;
    });
    return result[0];
  }

  /** Takes back the failure counted for this permit's account and address: the login succeeded. */
  public void succeeded(LoginAttempt.Permitted permit) {
    Objects.requireNonNull(permit, "permit");
    accounts.computeIfPresent(permit.account(), (k, state) -> {
      state.byAddress.remove(permit.addressKey());
      state.account.failures = Math.max(0, state.account.failures - 1);
      return state.isEmpty() ? null : state;
    });
  }

  /**
   * Deletes counters idle for the policy's {@code forgetAfter} and whose delay has passed.
   *
   * @return how many accounts were dropped entirely
   */
  public int purgeExpired() {
    Instant now = clock.instant();
    int dropped = 0;
    for (String account : accounts.keySet()) {
      boolean[] removed = new boolean[1];
      accounts.computeIfPresent(account, (k, state) -> {
        state.forgetExpired(now);
        removed[0] = state.isEmpty();
        return removed[0] ? null : state;
      });
      if (removed[0]) {
        dropped++;
      }
    }
    return dropped;
  }

  private void sweepAtMostEverySecond(Instant now) {
    Instant last = lastSweep.get();
    if (now.isBefore(last.plus(FULL_TABLE_DELAY))) {
      return; // a full scan per new account would let an account-name spray buy O(n) work each
    }
    if (lastSweep.compareAndSet(last, now)) {
      purgeExpired();
    }
  }

  /** One failure counter. Mutated only under the owning account's map lock. */
  private static final class Counter {
    long failures;
    Instant notBefore = Instant.MIN;
    Instant lastFailure = Instant.MIN;

    Duration wait(Instant now) {
      return now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
    }

    void fail(Instant now, Duration delay) {
      failures++;
      lastFailure = now;
      notBefore = now.plus(delay);
    }

    boolean expired(Instant now, Duration forgetAfter) {
      return !now.isBefore(notBefore) && !now.isBefore(lastFailure.plus(forgetAfter));
    }
  }

  /** Counters of one account. Mutated only under the map's lock for that account. */
  private final class AccountState {
    final Counter account = new Counter();
    // Access order: the least recently used address counter is the one dropped at the bound.
    final LinkedHashMap<String, Counter> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    LoginAttempt attempt(String accountName, String addressKey, Instant now) {
      forgetExpired(now);
      Counter pair = byAddress.computeIfAbsent(addressKey, k -> new Counter());
      if (byAddress.size() > MAX_ADDRESSES_PER_ACCOUNT) {
        Iterator<String> eldest = byAddress.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      Duration wait = max(pair.wait(now), account.wait(now));
      if (!wait.isZero()) {
        return new LoginAttempt.Delayed(wait);
      }
      pair.fail(now, ThrottlePolicy.delay(pair.failures + 1, policy.freeFailuresPerAddress(), policy.baseDelay(),
          policy.maxDelayPerAddress()));
      account.fail(now, ThrottlePolicy.delay(account.failures + 1, policy.freeFailuresPerAccount(),
          policy.baseDelay(), policy.maxDelayPerAccount()));
      return new LoginAttempt.Permitted(accountName, addressKey);
    }

    void forgetExpired(Instant now) {
      if (account.failures > 0 && account.expired(now, policy.forgetAfter())) {
        account.failures = 0;
      }
      Iterator<Counter> pairs = byAddress.values().iterator();
      while (pairs.hasNext()) {
        if (pairs.next().expired(now, policy.forgetAfter())) {
          pairs.remove();
        }
      }
    }

    boolean isEmpty() {
      return account.failures == 0 && byAddress.isEmpty();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "LoginThrottle[" + policy + "]";
  }
}
