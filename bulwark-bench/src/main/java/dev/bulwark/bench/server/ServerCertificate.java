package dev.bulwark.bench.server;

import dev.bulwark.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The Bulwark server's self-signed TLS identity, read from its data directory ({@code tls/cert.pem},
 * {@code tls/key.pem}) so the bare target serves the very same certificate and key.
 *
 * <p>Why not the server's own {@code TlsFiles.load}: in this build it cannot read back the SEC1
 * {@code EC PRIVATE KEY} it writes (the file names neither the curve nor the public key, and it
 * asks Bouncy Castle for a key pair); reported to the lead. Here the scalar is read from the file
 * and the curve taken from the certificate. Stateless.
 */
public final class ServerCertificate {
  private ServerCertificate() {}

  /** The identity under {@code dataDir/tls}. */
  public static TlsIdentity read(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("tls");
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
    } catch (CertificateException e) {
      throw new IOException("the server certificate cannot be read", e);
    }
    if (chain.isEmpty()) {
      throw new IOException("the server certificate file holds no certificate");
    }
    return new TlsIdentity(privateKey(dir.resolve("key.pem"), chain.getFirst()), chain);
  }

  /** The certificate file the load clients pin. */
  public static Path certificateFile(Path dataDir) {
    return dataDir.resolve("tls").resolve("cert.pem");
  }

  private static PrivateKey privateKey(Path file, X509Certificate leaf) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      return switch (parser.readObject()) {
        case PrivateKeyInfo info -> new JcaPEMKeyConverter().getPrivateKey(info);
        case PEMKeyPair pair when leaf.getPublicKey() instanceof ECPublicKey ec -> {
          // SEC1 without the curve: the scalar from the file, the domain parameters from the certificate.
          BigInteger scalar = ECPrivateKey.getInstance(pair.getPrivateKeyInfo().parsePrivateKey()).getKey();
          yield KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(scalar, ec.getParams()));
        }
        case null, default -> throw new IOException("no unencrypted PEM private key in " + file);
      };
    } catch (GeneralSecurityException e) {
      throw new IOException("the server key cannot be read", e);
    }
  }
}
