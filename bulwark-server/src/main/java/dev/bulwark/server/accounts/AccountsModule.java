package dev.bulwark.server.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.ClientAddresses;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.mail.Mailer;
import dev.bulwark.server.mail.OutboxMailer;
import dev.bulwark.server.sessions.IssuedSession;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The account and session routes of issue 7. Credential routes draw on {@link RateClass#CREDENTIAL};
 * registration and forgot-password answer {@code 202} with one fixed body whatever the database
 * holds (see {@link AccountService}); login failures are one {@code 401}; a delayed login is {@code
 * 429} with {@code Retry-After}.
 *
 * <p>Constructed once per server by {@code ServerAssembly}: installs its {@code SessionLiveness}
 * into the server's hooks and a start-up notice that prints the first-start enrolment token. Mail
 * goes to {@code DATA/outbox} unless a {@link Mailer} is given. Thread-safe.
 */
public final class AccountsModule implements ApiModule, AutoCloseable {
  private static final Map<String, String> REGISTRATION_ACCEPTED = ordered("status", "accepted", "message",
      "If these details can be used, a mail is on its way to the address given.");
  private static final Map<String, String> FORGOT_ACCEPTED = ordered("status", "accepted", "message",
      "If the address belongs to an account, a reset mail is on its way.");

  private final AccountsAssembly assembly;
  private final ObjectMapper json;
  private final List<ApiRoute> routes;

  /** The module with default settings and the outbox mailer. */
  public AccountsModule(ServerServices services) {
    this(services, AccountsSettings.defaults(),
        OutboxMailer.create(services.dataDir().resolve("outbox"), "bulwark@localhost", services.clock()));
  }

  /** The module with these settings and mailer. */
  public AccountsModule(ServerServices services, AccountsSettings settings, Mailer mailer) {
    Objects.requireNonNull(services, "services");
    this.assembly = AccountsAssembly.create(services.database(), services.jwtSigner(), services.audit(), mailer,
        TokenKeyStore.loadOrCreate(services.database(), services.rootAead()), settings, services.clock());
    this.json = services.json();
    services.hooks().installSessionLiveness(assembly.liveness());
    services.hooks().noticeOnStart(() -> assembly.enrolment().issueIfNoAdministrator()
        .map(token -> "Administrator enrolment token (single use, expires in " + Enrolment.TTL_HOURS
            + " h; register with it as enrolment_token): " + token));
    this.routes = List.of(
        new ApiRoute(HandlerType.POST, "/v1/accounts", Access.anyone(), RateClass.CREDENTIAL,
            "Register an account (202 whatever the outcome; a verification mail follows)", this::register),
        new ApiRoute(HandlerType.POST, "/v1/accounts/verify", Access.anyone(), RateClass.CREDENTIAL,
            "Verify the e-mail address with the mailed token", this::verify),
        new ApiRoute(HandlerType.POST, "/v1/sessions", Access.anyone(), RateClass.CREDENTIAL,
            "Log in: an access token (5 min) and a single-use refresh token", this::login),
        new ApiRoute(HandlerType.POST, "/v1/sessions/refresh", Access.anyone(), RateClass.CREDENTIAL,
            "Exchange a refresh token for new tokens (reuse revokes the session)", this::refresh),
        new ApiRoute(HandlerType.DELETE, "/v1/sessions/current", Access.authenticated(), RateClass.STANDARD,
            "Log out: revoke the caller's session", this::logout),
        new ApiRoute(HandlerType.POST, "/v1/password/forgot", Access.anyone(), RateClass.CREDENTIAL,
            "Mail a password-reset token (202 whatever the outcome)", this::forgot),
        new ApiRoute(HandlerType.POST, "/v1/password/reset", Access.anyone(), RateClass.CREDENTIAL,
            "Set a new password with a reset token; revokes every session", this::reset),
        new ApiRoute(HandlerType.POST, "/v1/password/change", Access.authenticated(), RateClass.CREDENTIAL,
            "Change the password (current one required); revokes other sessions", this::change),
        new ApiRoute(HandlerType.GET, "/v1/me", Access.authenticated(), RateClass.STANDARD,
            "The caller's account and scopes", this::me));
  }

  /** The services behind the routes (tests and the CLI reach enrolment through it). */
  public AccountsAssembly assembly() {
    return assembly;
  }

  @Override
  public List<ApiRoute> routes() {
    return routes;
  }

  private void register(Context ctx) throws PublicError {
    assembly.accounts().register(body(ctx, Forms.Registration.class));
    ctx.status(202).json(REGISTRATION_ACCEPTED);
  }

  private void verify(Context ctx) throws PublicError {
    assembly.accounts().verifyEmail(body(ctx, Forms.Token.class).token());
    ctx.json(Map.of("status", "verified"));
  }

  private void login(Context ctx) throws PublicError {
    Forms.Login form = body(ctx, Forms.Login.class);
    try {
      ctx.json(tokens(assembly.logins().login(form.login(), form.password(), client(ctx))));
    } catch (LoginThrottled throttled) {
      throw rateLimited(ctx, throttled);
    }
  }

  private void refresh(Context ctx) throws PublicError {
    ctx.json(tokens(assembly.sessions().refresh(body(ctx, Forms.Refresh.class).refreshToken())));
  }

  private void logout(Context ctx) throws PublicError {
    Principal principal = sessionPrincipal(ctx);
    assembly.sessions().revoke(principal.credentialId(), "logout");
    ctx.status(204);
  }

  private void forgot(Context ctx) throws PublicError {
    assembly.accounts().forgot(body(ctx, Forms.Forgot.class));
    ctx.status(202).json(FORGOT_ACCEPTED);
  }

  private void reset(Context ctx) throws PublicError {
    assembly.accounts().reset(body(ctx, Forms.Reset.class));
    ctx.json(Map.of("status", "password_reset"));
  }

  private void change(Context ctx) throws PublicError {
    Principal principal = sessionPrincipal(ctx);
    try {
      assembly.accounts().change(principal.accountId(), principal.credentialId(), body(ctx, Forms.Change.class),
          client(ctx));
    } catch (LoginThrottled throttled) {
      throw rateLimited(ctx, throttled);
    }
    ctx.json(Map.of("status", "password_changed"));
  }

  private void me(Context ctx) throws PublicError {
    Principal principal = Principal.of(ctx);
    Account account = assembly.accounts().me(principal.accountId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", account.id());
    body.put("username", account.username());
    body.put("email", account.email());
    body.put("email_verified", account.emailVerified());
    body.put("admin", account.admin());
    body.put("credential", principal.kind() == Principal.Kind.SESSION ? "session" : "api_key");
    body.put("scopes", principal.scopes().stream().map(Scope::wireName).sorted().toList());
    ctx.json(body);
  }

  private <T> T body(Context ctx, Class<T> type) throws PublicError {
    T form;
    try {
      form = json.readValue(ctx.bodyAsBytes(), type);
    } catch (IOException e) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "request body is not acceptable JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (form == null) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "request body is JSON null");
    }
    assembly.rules().validate(form);
    return form;
  }

  private static Principal sessionPrincipal(Context ctx) throws PublicError {
    Principal principal = Principal.of(ctx);
    if (principal.kind() != Principal.Kind.SESSION) {
      throw PublicError.of(ErrorKind.FORBIDDEN, "This needs a user session, not an API key.",
          "session route called with an API key");
    }
    return principal;
  }

  private static InetAddress client(Context ctx) {
    InetAddress client = ctx.attribute(ClientAddresses.ATTRIBUTE);
    return Optional.ofNullable(client).orElseThrow(() -> new IllegalStateException("no client address resolved"));
  }

  private static PublicError rateLimited(Context ctx, LoginThrottled throttled) {
    ctx.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
    return PublicError.of(ErrorKind.RATE_LIMITED, "login throttled");
  }

  private static Map<String, Object> tokens(IssuedSession session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    body.put("access_token", session.accessToken());
    body.put("expires_in", Duration.ofMinutes(5).toSeconds());
    body.put("refresh_token", session.refreshToken());
    body.put("refresh_expires_at", session.refreshExpiresAt().getEpochSecond());
    body.put("session_id", session.sessionId());
    return body;
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return java.util.Collections.unmodifiableMap(map);
  }

  @Override
  public void close() {
    assembly.close();
  }
}
