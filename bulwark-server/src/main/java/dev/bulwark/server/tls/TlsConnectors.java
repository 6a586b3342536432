package dev.bulwark.server.tls;

import dev.bulwark.crypto.tokens.SecureTokens;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The Jetty connectors the server listens on: TLS 1.3, and TLS 1.2 with ECDHE + AEAD suites only
 * (no CBC, no RSA key transport, no SHA-1 MACs), or, only when configured, plain HTTP (which the
 * configuration allows on loopback only). Stateless.
 */
public final class TlsConnectors {

  /** TLS 1.2 suites kept: forward-secret key exchange, AEAD ciphers. TLS 1.3 suites are all AEAD. */
  static final String[] CIPHER_SUITES = {
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
  };

  private TlsConnectors() {}

  /** An HTTPS connector on {@code host:port} serving {@code identity}. */
  public static Connector https(Server server, HttpConfiguration http, TlsIdentity identity, String host, int port) {
    char[] password = SecureTokens.system().urlSafe(24).toCharArray();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(identity.toKeyStore(password));
    ssl.setKeyStorePassword(new String(password));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setIncludeCipherSuites(CIPHER_SUITES);
    ssl.setRenegotiationAllowed(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // The self-signed certificate names localhost; clients that pin it by fingerprint may use any host name.
    secure.setSniHostCheck(false);
    // HSTS is written by the response headers step on every response, errors included.
    secure.setStsMaxAge(-1);
    http.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** A plain HTTP connector (loopback only: the configuration refuses anything else). */
  public static Connector plain(Server server, HttpConfiguration http, String host, int port) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
