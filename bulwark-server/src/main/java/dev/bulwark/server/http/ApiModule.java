package dev.bulwark.server.http;

import java.util.List;

/**
 * A group of routes for one capability (accounts, secrets, transit, ...). The server collects the
 * modules, registers their routes with access checks, rate limits and error mapping around them,
 * and documents them in {@code /openapi.json}.
 */
public interface ApiModule {
  /** The routes, in registration order. */
  List<ApiRoute> routes();
}
