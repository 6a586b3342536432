package dev.bulwark.auth.policy;

/**
 * Detects trivially repetitive and sequential passwords (NIST SP 800-63B-4 §3.1.1.2 lists
 * "repetitive or sequential characters" as blocklist material). Works on the code points of the
 * NFKC, lower-cased password. The rules, chosen so that a real passphrase never trips them:
 *
 * <ul>
 *   <li>REPETITIVE: the password repeats a unit at least twice ("abcabcabc", "passwordpassword":
 *       smallest period at most half its length), or uses at most 2 distinct code points.
 *   <li>The password is cut greedily into runs where each step is the same: equal ("aaaa"),
 *       ascending or descending by one (Unicode order, 9 to 0 and z to a wrap, and the qwerty
 *       keyboard walk "qwertyuiopasdfghjklzxcvbnm"). If at most {@value #MAX_RUNS} runs make it up,
 *       or its longest run leaves at most {@value #MAX_OTHER_CODE_POINTS} other code points, the
 *       password is REPETITIVE when that longest run is of equal characters, SEQUENTIAL otherwise.
 * </ul>
 */
final class TrivialPatterns {
  static final int MAX_RUNS = 3;
  static final int MAX_OTHER_CODE_POINTS = 3;
  private static final String KEYBOARD_WALK = "qwertyuiopasdfghjklzxcvbnm";
  private static final int SAME = 0;
  private static final int UP = 1;
  private static final int DOWN = -1;
  private static final int NONE = 2;

  private TrivialPatterns() {}

  /** REPETITIVE, SEQUENTIAL, or null when neither applies. */
  static ReasonCode classify(int[] cps) {
    int n = cps.length;
    if (n < 2) {
      return null;
    }
    if (smallestPeriod(cps) * 2 <= n || distinct(cps) <= 2) {
      return ReasonCode.REPETITIVE;
    }
    int runs = 0;
    int longest = 0;
    int longestKind = NONE;
    for (int start = 0; start < n; ) {
      int kind = start + 1 < n ? relation(cps[start], cps[start + 1]) : NONE;
      int end = start + 1;
      if (kind != NONE) {
        while (end < n && relation(cps[end - 1], cps[end]) == kind) {
          end++;
        }
      }
      runs++;
      if (end - start > longest) {
        longest = end - start;
        longestKind = kind;
      }
      start = end;
    }
    if (runs <= MAX_RUNS || n - longest <= MAX_OTHER_CODE_POINTS) {
      return longestKind == SAME ? ReasonCode.REPETITIVE : ReasonCode.SEQUENTIAL;
    }
    return null;
  }

  private static int relation(int a, int b) {
    if (a == b) {
      return SAME;
    }
    if (follows(a, b)) {
      return UP;
    }
    if (follows(b, a)) {
      return DOWN;
    }
    return NONE;
  }

  private static boolean follows(int a, int b) {
    if (b == a + 1 || (a == '9' && b == '0') || (a == 'z' && b == 'a')) {
      return true;
    }
    int i = a < 128 ? KEYBOARD_WALK.indexOf(a) : -1;
    return i >= 0 && i + 1 < KEYBOARD_WALK.length() && KEYBOARD_WALK.charAt(i + 1) == b;
  }

  /** Knuth-Morris-Pratt failure function: n minus the longest proper border. */
  private static int smallestPeriod(int[] s) {
    int[] fail = new int[s.length];
    for (int i = 1, k = 0; i < s.length; i++) {
      while (k > 0 && s[i] != s[k]) {
        k = fail[k - 1];
      }
      if (s[i] == s[k]) {
        k++;
      }
      fail[i] = k;
    }
    return s.length - fail[s.length - 1];
  }

  private static int distinct(int[] cps) {
    return (int) java.util.Arrays.stream(cps).distinct().limit(3).count();
  }
}
