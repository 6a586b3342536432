package dev.bulwark.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Finds the server's TLS identity: the configured PEM certificate chain and key ({@code tls.cert},
 * {@code tls.key}), else the self-signed pair in {@code DATA/tls/}, generated on first start (the
 * key file created with mode 0600 before anything is written to it).
 *
 * <p>What it refuses: a missing or unreadable file, a file without a certificate or a private key,
 * an encrypted private key (pass an unencrypted one with mode 0600, or terminate TLS in a proxy), a
 * key that does not match the certificate. Stateless.
 */
public final class TlsFiles {
  static final String CERT_FILE = "cert.pem";
  static final String KEY_FILE = "key.pem";

  private TlsFiles() {}

  /**
   * Loads the configured identity, or the self-signed one under {@code dataDir/tls}, generating it.
   *
   * @throws TlsSetupException naming the file setting that failed
   */
  public static TlsIdentity load(Optional<Path> certFile, Optional<Path> keyFile, Path dataDir, Clock clock) {
    if (certFile.isPresent() && keyFile.isPresent()) {
      return read(certFile.get(), keyFile.get(), "tls.cert", "tls.key");
    }
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    if (!Files.exists(cert, LinkOption.NOFOLLOW_LINKS) || !Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
      TlsIdentity fresh = SelfSignedCertificate.generate(clock);
      write(fresh, dir, cert, key);
      return fresh;
    }
    return read(cert, key, "the self-signed certificate", "the self-signed key");
  }

  private static TlsIdentity read(Path certFile, Path keyFile, String certSetting, String keySetting) {
    List<X509Certificate> chain = new ArrayList<>();
    try (var in = Files.newInputStream(certFile)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
    } catch (IOException | CertificateException e) {
      throw new TlsSetupException(certSetting + ": cannot read a PEM certificate chain from the file");
    }
    if (chain.isEmpty()) {
      throw new TlsSetupException(certSetting + ": the file holds no certificate");
    }
    PrivateKey key = readKey(keyFile, keySetting);
    if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
      throw new TlsSetupException(keySetting + ": the key does not match the certificate");
    }
    return new TlsIdentity(key, chain);
  }

  private static PrivateKey readKey(Path keyFile, String keySetting) {
    try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return switch (object) {
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
        case null -> throw new TlsSetupException(keySetting + ": the file holds no PEM private key");
        default -> throw new TlsSetupException(keySetting + ": expected an unencrypted PEM private key");
      };
    } catch (IOException e) {
      throw new TlsSetupException(keySetting + ": cannot read a PEM private key from the file", e);
    }
  }

  private static void write(TlsIdentity identity, Path dir, Path cert, Path key) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, pem(new JcaPKCS8Generator(identity.privateKey(), null)), StandardCharsets.US_ASCII);
      Files.writeString(cert, pem(identity.leaf()), StandardCharsets.US_ASCII);
    } catch (IOException | UnsupportedOperationException e) {
      throw new TlsSetupException("cannot write the self-signed certificate under the data directory", e);
    }
  }

  private static String pem(Object object) throws IOException {
    // A PemObjectGenerator (PKCS#8 "PRIVATE KEY") or a certificate.
    StringWriter out = new StringWriter();
    try (Writer w = out; JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(object);
    }
    return out.toString();
  }
}
