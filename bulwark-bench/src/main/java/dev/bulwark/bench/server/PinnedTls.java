package dev.bulwark.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context that trusts exactly one certificate, the server's self-signed one read from
 * its PEM file: the load driver verifies the server like a pinned client would (chain and host name
 * against the certificate's SAN), it does not switch verification off. Stateless.
 */
public final class PinnedTls {
  private PinnedTls() {}

  /**
   * A TLS 1.3 context trusting only the certificate in {@code certificatePem}.
   *
   * @throws IOException if the file cannot be read or holds no certificate
   */
  public static SSLContext trusting(Path certificatePem) throws IOException {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("server", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + certificatePem + ": " + e.getMessage(), e);
    }
  }
}
