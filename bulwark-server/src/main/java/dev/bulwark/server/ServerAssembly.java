package dev.bulwark.server;

import dev.bulwark.server.apikeys.ApiKeysApi;
import dev.bulwark.server.audit.AuditApi;
import dev.bulwark.server.files.FilesApi;
import dev.bulwark.server.http.ApiModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * THE one place where capability modules are constructed and registered. Each capability adds one
 * line to {@link #capabilities()}; the server constructs them in that order with the shared {@link
 * ServerServices}, and registers their routes behind the access checks. Modules that install a hook
 * (audit trail, session liveness) should come first.
 */
public final class ServerAssembly {
  private ServerAssembly() {}

  /** The capability modules, in construction order. */
  public static List<Function<ServerServices, ApiModule>> capabilities() {
    List<Function<ServerServices, ApiModule>> modules = new ArrayList<>();
    // One line per capability module, for example: modules.add(AccountsModule::new);
    modules.add(AuditApi::install); // first: installs the audit trail the others record to
    modules.add(dev.bulwark.server.accounts.AccountsModule::new);
    modules.add(ApiKeysApi::create);
    modules.add(FilesApi::create);
    modules.add(dev.bulwark.server.secrets.SecretsModule::from);
    modules.add(dev.bulwark.server.transit.TransitModule::from);
    return modules;
  }
}
