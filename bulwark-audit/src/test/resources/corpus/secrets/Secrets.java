package corpus;

final class Secrets {
  // planted: generic secret in a constant
  private static final String SIGNING_SECRET = "@@R::A:40@@";
  // planted: password in a field
  private String adminPassword = "@@R::P:12@@";
  // planted: a GitHub token in a string
  static final String CI = "@@R:ghp_:A:36@@";
  // look-alikes
  private static final String PASSWORD_PROPERTY = "app.admin.password";
  private static final String TOKEN_HEADER = "X-Request-Token";
  private String apiKey = System.getenv("API_KEY");
  private String testPassword = "test-password-123";
  private static final String SECRET_KEY_ALGORITHM = "HmacSHA256";
}
