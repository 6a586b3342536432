package dev.bulwark.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The server's TLS identity: a private key and its certificate chain (leaf first).
 *
 * @param privateKey the leaf certificate's key
 * @param chain the certificate chain, leaf first, at least one certificate
 */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain) {

  /** @throws IllegalArgumentException if the chain is empty */
  public TlsIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS identity needs at least one certificate");
    }
  }

  /** The leaf certificate. */
  public X509Certificate leaf() {
    return chain.getFirst();
  }

  /** SHA-256 of the leaf certificate's DER, as colon-separated upper-case hex (what browsers show). */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
      return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("cannot fingerprint the certificate", e);
    }
  }

  /** An in-memory PKCS#12 key store holding this identity under alias {@code bulwark}. */
  KeyStore toKeyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("bulwark", privateKey, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsSetupException("cannot build the TLS key store", e);
    }
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + leaf().getSubjectX500Principal() + "]";
  }
}
