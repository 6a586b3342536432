package corpus;

import java.beans.XMLDecoder;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;
import org.yaml.snakeyaml.Yaml;

/** Planted insecure code: every marked line is a finding. */
class Insecure {
  private static final byte[] FIXED_IV = new byte[16];
  private final Random random = new Random();

  Object readSession(InputStream in) throws Exception {
    ObjectInputStream objects = new ObjectInputStream(in);
    return objects.readObject(); // planted BWK-JAVA-001
  }

  Object readBean(InputStream in) {
    XMLDecoder decoder = new XMLDecoder(in); // planted BWK-JAVA-002
    return decoder.readObject();
  }

  Object parsers() throws Exception {
    DocumentBuilderFactory documents = DocumentBuilderFactory.newInstance(); // planted BWK-JAVA-003 dom
    SAXParserFactory sax = SAXParserFactory.newInstance(); // planted BWK-JAVA-003 sax
    XMLInputFactory stax = XMLInputFactory.newFactory(); // planted BWK-JAVA-003 stax
    TransformerFactory transformers = TransformerFactory.newInstance(); // planted BWK-JAVA-003 xslt
    return new Object[] {documents, sax, stax, transformers};
  }

  Object loadYaml(String text) {
    return new Yaml().load(text); // planted BWK-JAVA-004
  }

  void run(String host, String file) throws Exception {
    Runtime.getRuntime().exec("ping -c 1 " + host); // planted BWK-JAVA-005 runtime
    new ProcessBuilder("sh", "-c", "gzip " + file).start(); // planted BWK-JAVA-005 shell
    new ProcessBuilder("/bin/bash", "-c", "ls").start(); // planted BWK-JAVA-005 bash
  }

  ResultSet find(Connection connection, String name) throws Exception {
    Statement statement = connection.createStatement();
    return statement.executeQuery("SELECT * FROM users WHERE name = '" + name + "'"); // planted BWK-JAVA-006 query
  }

  void delete(Connection connection, String id) throws Exception {
    String sql = "DELETE FROM sessions WHERE id = " + id;
    connection.createStatement().execute(sql); // planted BWK-JAVA-006 variable
  }

  String newResetToken() {
    return Long.toHexString(random.nextLong()); // planted BWK-JAVA-007 method
  }

  void otp() {
    int otpCode = (int) (Math.random() * 1_000_000); // planted BWK-JAVA-007 math
    System.out.println(otpCode);
  }

  byte[] hashPassword(String password) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5"); // planted BWK-JAVA-008 md5
    return md5.digest(password.getBytes());
  }

  byte[] checkPassword(char[] passwd) throws Exception {
    return MessageDigest.getInstance("SHA-1").digest(new String(passwd).getBytes()); // planted BWK-JAVA-008 sha1
  }

  Cipher ciphers() throws Exception {
    Cipher.getInstance("AES/ECB/PKCS5Padding"); // planted BWK-JAVA-009 ecb
    return Cipher.getInstance("AES"); // planted BWK-JAVA-009 default
  }

  IvParameterSpec ivs() {
    new IvParameterSpec(FIXED_IV); // planted BWK-JAVA-010 constant
    return new IvParameterSpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}); // planted BWK-JAVA-010 literal
  }

  static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {} // planted BWK-JAVA-011

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  static final class AnyHost implements HostnameVerifier {
    @Override
    public boolean verify(String host, SSLSession session) { // planted BWK-JAVA-012 class
      return true;
    }
  }

  void lambdaVerifier() {
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true); // planted BWK-JAVA-012 lambda
  }
}
