package dev.bulwark.audit;

import java.util.List;

/** The catalogue of every rule (docs/audit.md lists the same table). */
public final class Rules {
  private Rules() {}

  // Secrets (CWE-798: use of hard-coded credentials; CWE-321 for a hard-coded private key).
  public static final Rule BULWARK_API_KEY = new Rule("BWK-SECRET-001", "Bulwark API key (checksum verified)", Severity.CRITICAL, 798,
      "Revoke the key, issue a new one and load it from a secret store or the environment.");
  public static final Rule PRIVATE_KEY = new Rule("BWK-SECRET-002", "PEM private key block", Severity.CRITICAL, 321,
      "Remove the key, rotate it, and load keys from a key store or secret manager at run time.");
  public static final Rule AWS_ACCESS_KEY_ID = new Rule("BWK-SECRET-003", "AWS access key id", Severity.HIGH, 798,
      "Deactivate the key in IAM and use roles or the default credential chain instead of literals.");
  public static final Rule AWS_SECRET_KEY = new Rule("BWK-SECRET-004", "AWS secret access key next to an access key id", Severity.CRITICAL, 798,
      "Deactivate the key pair in IAM and use roles or the default credential chain.");
  public static final Rule GITHUB_TOKEN = new Rule("BWK-SECRET-005", "GitHub token", Severity.CRITICAL, 798,
      "Revoke the token on GitHub and read it from the CI secret store.");
  public static final Rule GITLAB_TOKEN = new Rule("BWK-SECRET-006", "GitLab personal access token", Severity.CRITICAL, 798,
      "Revoke the token in GitLab and read it from the CI secret store.");
  public static final Rule SLACK_TOKEN = new Rule("BWK-SECRET-007", "Slack token", Severity.HIGH, 798,
      "Revoke the token in the Slack app settings and load it from the environment.");
  public static final Rule STRIPE_KEY = new Rule("BWK-SECRET-008", "Stripe live secret or restricted key", Severity.CRITICAL, 798,
      "Roll the key in the Stripe dashboard and load it from a secret store.");
  public static final Rule GOOGLE_API_KEY = new Rule("BWK-SECRET-009", "Google API key", Severity.HIGH, 798,
      "Delete or restrict the key in the Google Cloud console and load it from the environment.");
  public static final Rule JWT = new Rule("BWK-SECRET-010", "JSON Web Token", Severity.MEDIUM, 798,
      "Do not commit tokens; if it is still valid, revoke the session or rotate the signing key.");
  public static final Rule DATABASE_URL = new Rule("BWK-SECRET-011", "Database URL with an embedded password", Severity.HIGH, 798,
      "Keep the password out of the URL and pass it from the environment or a secret store.");
  public static final Rule GENERIC_SECRET = new Rule("BWK-SECRET-012", "High-entropy literal assigned to a secret-named variable", Severity.HIGH, 798,
      "Read the value from the environment or a secret manager instead of the source.");

  // Java insecure code.
  public static final Rule JAVA_DESERIALIZATION = new Rule("BWK-JAVA-001", "ObjectInputStream.readObject without an ObjectInputFilter", Severity.HIGH, 502,
      "Call setObjectInputFilter with an allow-list before readObject, or use a data format such as JSON.");
  public static final Rule JAVA_XML_DECODER = new Rule("BWK-JAVA-002", "java.beans.XMLDecoder", Severity.HIGH, 502,
      "XMLDecoder runs arbitrary code from its input: use a data-only format and a plain parser.");
  public static final Rule JAVA_XXE = new Rule("BWK-JAVA-003", "XML factory without XXE hardening", Severity.HIGH, 611,
      "Set disallow-doctype-decl (or SUPPORT_DTD false / ACCESS_EXTERNAL_DTD \"\") on the factory before use.");
  public static final Rule JAVA_SNAKEYAML = new Rule("BWK-JAVA-004", "SnakeYAML Yaml without a SafeConstructor", Severity.HIGH, 502,
      "Construct Yaml with new SafeConstructor(new LoaderOptions()).");
  public static final Rule JAVA_COMMAND_INJECTION = new Rule("BWK-JAVA-005", "Command built from a string or run through a shell", Severity.HIGH, 78,
      "Pass a fixed program and an argument list to ProcessBuilder; never concatenate or use sh -c.");
  public static final Rule JAVA_SQL_INJECTION = new Rule("BWK-JAVA-006", "JDBC statement executes a concatenated string", Severity.HIGH, 89,
      "Use a PreparedStatement with ? parameters.");
  public static final Rule JAVA_INSECURE_RANDOM = new Rule("BWK-JAVA-007", "java.util.Random or Math.random for a secret", Severity.HIGH, 330,
      "Use SecureRandom (or Bulwark SecureTokens) for tokens, keys, passwords and nonces.");
  public static final Rule JAVA_WEAK_PASSWORD_HASH = new Rule("BWK-JAVA-008", "MD5 or SHA-1 digest of a password", Severity.HIGH, 916,
      "Hash passwords with Argon2id, scrypt, bcrypt or PBKDF2 with a per-user salt.");
  public static final Rule JAVA_WEAK_CIPHER_MODE = new Rule("BWK-JAVA-009", "Cipher \"AES\" (ECB by default) or an explicit ECB mode", Severity.HIGH, 327,
      "Use AES/GCM/NoPadding with a fresh 12-byte nonce per message, or Bulwark's AEAD API.");
  public static final Rule JAVA_STATIC_IV = new Rule("BWK-JAVA-010", "Static IV or nonce", Severity.HIGH, 329,
      "Generate a fresh random IV or nonce per message and send it with the ciphertext.");
  public static final Rule JAVA_TRUST_ALL = new Rule("BWK-JAVA-011", "X509TrustManager that trusts every certificate", Severity.CRITICAL, 295,
      "Delete the trust manager; add the CA to a trust store instead.");
  public static final Rule JAVA_ALL_HOSTNAMES = new Rule("BWK-JAVA-012", "HostnameVerifier that accepts every host", Severity.CRITICAL, 297,
      "Use the default hostname verifier.");

  // Python insecure code.
  public static final Rule PY_DESERIALIZATION = new Rule("BWK-PY-001", "pickle, marshal or shelve load", Severity.HIGH, 502,
      "Never unpickle untrusted data: use json, or sign the data and check the MAC first.");
  public static final Rule PY_YAML_LOAD = new Rule("BWK-PY-002", "yaml.load without a safe loader", Severity.HIGH, 502,
      "Use yaml.safe_load or Loader=yaml.SafeLoader.");
  public static final Rule PY_SHELL = new Rule("BWK-PY-003", "subprocess with shell=True", Severity.HIGH, 78,
      "Pass an argument list and keep shell=False.");
  public static final Rule PY_INSECURE_RANDOM = new Rule("BWK-PY-004", "random module for a secret", Severity.HIGH, 330,
      "Use the secrets module (secrets.token_urlsafe, secrets.choice).");
  public static final Rule PY_WEAK_PASSWORD_HASH = new Rule("BWK-PY-005", "hashlib MD5 or SHA-1 of a password", Severity.HIGH, 916,
      "Use argon2-cffi, bcrypt or hashlib.scrypt / pbkdf2_hmac with a salt.");
  public static final Rule PY_VERIFY_FALSE = new Rule("BWK-PY-006", "TLS certificate verification disabled (verify=False)", Severity.HIGH, 295,
      "Remove verify=False; point verify= at a CA bundle if the server uses a private CA.");
  public static final Rule PY_SQL_FORMAT = new Rule("BWK-PY-007", "SQL built with an f-string or % formatting passed to execute", Severity.HIGH, 89,
      "Pass parameters separately: cursor.execute(\"... WHERE id = %s\", (id,)).");

  // The audit's own hygiene.
  public static final Rule SUPPRESSION_WITHOUT_REASON = new Rule("BWK-AUDIT-001", "bulwark:ignore without a rule id and a reason", Severity.MEDIUM, 710,
      "Write bulwark:ignore RULE-ID followed by why the finding is acceptable.");

  /** Every rule, in id order. */
  public static final List<Rule> ALL =
      List.of(
          BULWARK_API_KEY, PRIVATE_KEY, AWS_ACCESS_KEY_ID, AWS_SECRET_KEY, GITHUB_TOKEN, GITLAB_TOKEN,
          SLACK_TOKEN, STRIPE_KEY, GOOGLE_API_KEY, JWT, DATABASE_URL, GENERIC_SECRET,
          JAVA_DESERIALIZATION, JAVA_XML_DECODER, JAVA_XXE, JAVA_SNAKEYAML, JAVA_COMMAND_INJECTION,
          JAVA_SQL_INJECTION, JAVA_INSECURE_RANDOM, JAVA_WEAK_PASSWORD_HASH, JAVA_WEAK_CIPHER_MODE,
          JAVA_STATIC_IV, JAVA_TRUST_ALL, JAVA_ALL_HOSTNAMES,
          PY_DESERIALIZATION, PY_YAML_LOAD, PY_SHELL, PY_INSECURE_RANDOM, PY_WEAK_PASSWORD_HASH,
          PY_VERIFY_FALSE, PY_SQL_FORMAT,
          SUPPRESSION_WITHOUT_REASON);

  /** The rule with this id, or null. */
  public static Rule byId(String id) {
    for (Rule rule : ALL) {
      if (rule.id().equals(id)) {
        return rule;
      }
    }
    return null;
  }
}
