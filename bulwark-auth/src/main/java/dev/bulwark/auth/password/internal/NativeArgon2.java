package dev.bulwark.auth.password.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native engines in order of preference, each for the jobs it supports: libsodium for
 * one-lane Argon2id with a 16-byte salt (its SIMD code), libargon2 for every other job (threaded
 * lanes, K and X), Bouncy Castle for what neither library accepts (a salt under 8 bytes, a tag
 * under 4). Each native engine here has passed {@link Argon2Engines#selfTest}.
 *
 * <p>Thread-safe: the engines are.
 */
final class NativeArgon2 implements Argon2Engine {
  private final List<Argon2Engine> engines;

  NativeArgon2(Optional<LibsodiumArgon2id> sodium, Optional<LibArgon2> argon2) {
    List<Argon2Engine> list = new ArrayList<>();
    sodium.ifPresent(list::add);
    argon2.ifPresent(list::add);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("at least one native engine is required");
    }
    list.add(BouncyCastleArgon2.INSTANCE);
    this.engines = List.copyOf(list);
  }

  @Override
  public boolean supports(Argon2Job job) {
    return true;
  }

  @Override
  public byte[] hash(Argon2Job job) {
    return engineFor(job).hash(job);
  }

  /** The engine that computes {@code job}: the first that supports it. */
  Argon2Engine engineFor(Argon2Job job) {
    for (Argon2Engine engine : engines) {
      if (engine.supports(job)) {
        return engine;
      }
    }
    return BouncyCastleArgon2.INSTANCE;
  }

  @Override
  public String description() {
    return String.join(" + ", engines.stream().map(Argon2Engine::description).toList());
  }
}
