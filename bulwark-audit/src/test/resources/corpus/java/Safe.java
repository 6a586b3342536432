package corpus;

import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Look-alikes of every Java rule that are safe: none of these lines is a finding. */
class Safe {
  private final SecureRandom secureRandom = new SecureRandom();
  private final Random jitter = new Random();

  void writeBean(java.io.OutputStream out, Object bean) {
    try (java.beans.XMLEncoder encoder = new java.beans.XMLEncoder(out)) { // look-alike BWK-JAVA-002 encoder
      encoder.writeObject(bean);
    }
  }

  Object readFiltered(InputStream in) throws Exception {
    ObjectInputStream objects = new ObjectInputStream(in);
    objects.setObjectInputFilter(ObjectInputFilter.Config.createFilter("corpus.*;!*"));
    return objects.readObject(); // look-alike BWK-JAVA-001 filtered
  }

  Object hardenedParsers() throws Exception {
    DocumentBuilderFactory documents = DocumentBuilderFactory.newInstance(); // look-alike BWK-JAVA-003 hardened dom
    documents.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    XMLInputFactory stax = XMLInputFactory.newFactory(); // look-alike BWK-JAVA-003 hardened stax
    stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    documents.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return new Object[] {documents, stax};
  }

  Object loadYaml(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text); // look-alike BWK-JAVA-004 safe
  }

  void run(String file) throws Exception {
    new ProcessBuilder("gzip", "--", file).start(); // look-alike BWK-JAVA-005 argument list
    new ProcessBuilder(List.of("git", "log", "-c", "--oneline")).start(); // look-alike BWK-JAVA-005 dash c
    String shellName = "sh";
    System.out.println(shellName + " -c is never used here");
  }

  ResultSet find(Connection connection, String name) throws Exception {
    PreparedStatement statement = connection.prepareStatement("SELECT * FROM users WHERE name = ?");
    statement.setString(1, name);
    statement.execute(); // look-alike BWK-JAVA-006 prepared
    return connection.createStatement().executeQuery("SELECT " + "count(*) FROM users"); // look-alike BWK-JAVA-006 constant
  }

  long backoffMillis() {
    return 100 + jitter.nextInt(50); // look-alike BWK-JAVA-007 jitter
  }

  String newToken() {
    byte[] tokenBytes = new byte[32];
    secureRandom.nextBytes(tokenBytes); // look-alike BWK-JAVA-007 secure
    return java.util.HexFormat.of().formatHex(tokenBytes);
  }

  byte[] fileChecksum(byte[] content) throws Exception {
    return MessageDigest.getInstance("MD5").digest(content); // look-alike BWK-JAVA-008 checksum
  }

  Cipher cipher() throws Exception {
    return Cipher.getInstance("AES/GCM/NoPadding"); // look-alike BWK-JAVA-009 gcm
  }

  Cipher rsa() throws Exception {
    return Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding"); // look-alike BWK-JAVA-009 rsa
  }

  GCMParameterSpec nonce() {
    byte[] iv = new byte[12];
    secureRandom.nextBytes(iv);
    return new GCMParameterSpec(128, iv); // look-alike BWK-JAVA-010 random
  }

  static final class Checking implements X509TrustManager {
    private final X509TrustManager delegate;

    Checking(X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { // look-alike BWK-JAVA-011 delegating
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  boolean verify(String host, SSLSession session) { // look-alike BWK-JAVA-012 checks
    return host.equals(session.getPeerHost());
  }
}
