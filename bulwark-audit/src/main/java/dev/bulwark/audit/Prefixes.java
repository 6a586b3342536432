package dev.bulwark.audit;

/**
 * The literal prefixes of the secret formats: a format's regular expression runs only on a text
 * that contains its prefix. {@code String.contains} is a vectorised intrinsic; a single
 * character-by-character pass with a switch, tried instead, was three times slower. Stateless.
 */
final class Prefixes {
  static final int BWK = 1;
  static final int PEM = 1 << 1;
  static final int AWS = 1 << 2;
  static final int GITHUB = 1 << 3;
  static final int GITLAB = 1 << 4;
  static final int SLACK = 1 << 5;
  static final int STRIPE = 1 << 6;
  static final int GOOGLE = 1 << 7;
  static final int JWT = 1 << 8;

  private Prefixes() {}

  /** The set of prefixes present, as a bit mask of the constants above. */
  static int present(String text) {
    int found = 0;
    found |= text.contains("bwk_") ? BWK : 0;
    found |= text.contains("PRIVATE KEY-----") ? PEM : 0;
    found |= text.contains("AKIA") || text.contains("ASIA") ? AWS : 0;
    found |= github(text) ? GITHUB : 0;
    found |= text.contains("glpat-") ? GITLAB : 0;
    found |= text.contains("xox") ? SLACK : 0;
    found |= text.contains("k_live_") ? STRIPE : 0;
    found |= text.contains("AIza") ? GOOGLE : 0;
    found |= text.contains("eyJ") ? JWT : 0;
    return found;
  }

  /** {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} (one pass over "gh"), or {@code github_pat_} (which has no "gh"). */
  private static boolean github(String text) {
    for (int i = text.indexOf("gh"); i >= 0; i = text.indexOf("gh", i + 2)) {
      if (i + 3 < text.length() && text.charAt(i + 3) == '_' && "pousr".indexOf(text.charAt(i + 2)) >= 0) {
        return true;
      }
    }
    return text.contains("github_pat_");
  }
}
