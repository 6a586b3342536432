package dev.bulwark.server.http;

import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one place routes reach Javalin. Every {@link ApiRoute} of every {@link ApiModule} is wrapped in
 * the server's checks ({@link GuardedHandler}: budgets, authentication, scope, body cap, media type)
 * before it is registered, and is listed for {@code /openapi.json}; a test asserts that Javalin
 * serves no route this class did not register, so no route can run without its declared access.
 *
 * <p>What it refuses: two routes with the same method and path (the second would be dead, or shadow
 * the first). Not thread-safe: fill it before the server starts, then it is read-only.
 */
public final class RouteRegistrar {
  private final RequestGuards guards;
  private final List<ApiRoute> routes = new ArrayList<>();
  private final Set<ApiRoute> loopbackExempt = new HashSet<>();
  private final Set<String> keys = new HashSet<>();

  /** A registrar wrapping routes in {@code guards}. */
  public RouteRegistrar(RequestGuards guards) {
    this.guards = Objects.requireNonNull(guards, "guards");
  }

  /**
   * Adds every route of {@code module}.
   *
   * @throws IllegalArgumentException if a route's method and path are already taken
   */
  public void add(ApiModule module) {
    module.routes().forEach(this::add);
  }

  /**
   * Adds a scoped route that loopback callers may also reach without credentials ({@code /metrics}).
   *
   * @throws IllegalArgumentException if the route is not scoped or its method and path are taken
   */
  void addLoopbackExempt(ApiRoute route) {
    if (!(route.access() instanceof Access.Scoped)) {
      throw new IllegalArgumentException("only a scoped route may be opened to loopback callers");
    }
    add(route);
    loopbackExempt.add(route);
  }

  private void add(ApiRoute route) {
    if (!keys.add(route.method().name() + " " + route.path())) {
      throw new IllegalArgumentException("two routes for " + route.method().name() + " " + route.path());
    }
    routes.add(route);
  }

  /** Every route, in registration order. */
  public List<ApiRoute> routes() {
    return List.copyOf(routes);
  }

  /** Registers the wrapped routes with Javalin (called once, from the server's configuration). */
  public void registerInto(RoutesConfig config) {
    for (ApiRoute route : routes) {
      config.addHttpHandler(route.method(), route.path(), new GuardedHandler(route, guards, loopbackExempt.contains(route)));
    }
  }
}
