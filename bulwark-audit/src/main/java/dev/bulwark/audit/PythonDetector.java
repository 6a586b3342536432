package dev.bulwark.audit;

import dev.bulwark.audit.PythonTokens.Kind;
import dev.bulwark.audit.PythonTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Python insecure-code rules, matched on {@link PythonTokens} (so a pattern inside a comment or
 * a string never matches), one logical line at a time, with the enclosing {@code def}s known from
 * indentation. Stateless and thread-safe.
 */
final class PythonDetector {
  private static final Set<String> PICKLES = Set.of("pickle", "cPickle", "_pickle", "marshal", "dill", "jsonpickle");
  private static final Set<String> PICKLE_LOADS = Set.of("load", "loads", "Unpickler", "decode");
  private static final Set<String> SAFE_LOADERS = Set.of("SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader");
  private static final Set<String> RANDOM_FUNCTIONS =
      Set.of("random", "randint", "randrange", "choice", "choices", "sample", "getrandbits", "uniform", "randbytes", "shuffle");
  private static final Set<String> SQL_EXECUTE = Set.of("execute", "executemany", "executescript", "raw", "text");
  private static final Pattern SQL = Pattern.compile("(?i)\\b(select|insert|update|delete|create|drop|alter|merge)\\b");
  private static final Pattern SECRET_WORD = Pattern.compile("token|key|keys|password|passwd|pwd|pass|secret|nonce|salt|otp|credential|session|passphrase|apikey|code|pin");
  private static final Pattern PASSWORD_WORD = Pattern.compile("[a-z]*(password|passwd|pwd|passphrase)s?|pass|pw");

  private record Def(int indent, String name, boolean passwords) {}

  List<Finding> scan(SourceFile file) {
    List<Token> tokens = PythonTokens.tokenize(file.text());
    List<Finding> findings = new ArrayList<>();
    Deque<Def> defs = new ArrayDeque<>();
    Set<String> formattedSql = new HashSet<>();
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() != Kind.NEWLINE) {
        continue;
      }
      List<Token> line = tokens.subList(start, i);
      start = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      int indent = line.getFirst().indent();
      while (!defs.isEmpty() && defs.peek().indent() >= indent) {
        defs.pop();
      }
      line(file, line, defs, formattedSql, findings);
      int defAt = line.getFirst().is("async") ? 1 : 0;
      if (line.size() > defAt + 1 && line.get(defAt).is("def")) {
        boolean passwords = line.stream().anyMatch(t -> t.kind() == Kind.NAME && isPasswordName(t.text()));
        defs.push(new Def(indent, line.get(defAt + 1).text(), passwords));
      }
    }
    return findings;
  }

  private static void line(SourceFile file, List<Token> line, Deque<Def> defs, Set<String> formattedSql, List<Finding> findings) {
    String target = assignmentTarget(line);
    if (target != null) {
      if (formattedSqlAt(line, indexAfterAssignment(line))) {
        formattedSql.add(target);
      } else {
        formattedSql.remove(target);
      }
    }
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      if (t.kind() != Kind.NAME) {
        continue;
      }
      String member = memberAt(line, i);
      boolean call = member != null && i + 3 < line.size() && line.get(i + 3).is("(");
      if (member != null && PICKLES.contains(t.text()) && PICKLE_LOADS.contains(member)
          || t.is("shelve") && "open".equals(member)) {
        findings.add(finding(file, Rules.PY_DESERIALIZATION, line, i, i + 3));
      }
      if (t.is("yaml") && "unsafe_load".equals(member)) {
        findings.add(finding(file, Rules.PY_YAML_LOAD, line, i, i + 3));
      }
      if (t.is("yaml") && ("load".equals(member) || "load_all".equals(member)) && call) {
        int end = closingParen(line, i + 3);
        boolean safe = line.subList(i + 3, end).stream().anyMatch(a -> a.kind() == Kind.NAME && SAFE_LOADERS.contains(a.text()));
        if (!safe) {
          findings.add(finding(file, Rules.PY_YAML_LOAD, line, i, end));
        }
      }
      if (t.is("subprocess") && call) {
        int end = closingParen(line, i + 3);
        if (hasKeyword(line, i + 3, end, "shell", "True")) {
          findings.add(finding(file, Rules.PY_SHELL, line, i, end));
        }
      }
      if (t.is("random") && member != null && RANDOM_FUNCTIONS.contains(member) && (i == 0 || !line.get(i - 1).is("."))) {
        boolean secret = target != null && isSecretName(target) || defs.stream().anyMatch(d -> isSecretName(d.name()));
        if (secret) {
          findings.add(finding(file, Rules.PY_INSECURE_RANDOM, line, i, i + 3));
        }
      }
      if (t.is("hashlib") && member != null && isWeakHashCall(line, i, member)) {
        boolean passwords = defs.stream().anyMatch(Def::passwords)
            || line.stream().anyMatch(n -> n.kind() == Kind.NAME && isPasswordName(n.text()));
        if (passwords) {
          findings.add(finding(file, Rules.PY_WEAK_PASSWORD_HASH, line, i, i + 3));
        }
      }
      if (t.is("verify") && i + 2 < line.size() && line.get(i + 1).is("=") && line.get(i + 2).is("False") && depthAt(line, i) > 0) {
        findings.add(finding(file, Rules.PY_VERIFY_FALSE, line, i, i + 3));
      }
      if (SQL_EXECUTE.contains(t.text()) && i > 0 && line.get(i - 1).is(".") && i + 2 < line.size() && line.get(i + 1).is("(")) {
        Token first = line.get(i + 2);
        boolean tainted = formattedSqlAt(line, i + 2)
            || first.kind() == Kind.NAME && formattedSql.contains(first.text())
                && (i + 3 >= line.size() || line.get(i + 3).is(")") || line.get(i + 3).is(","));
        if (tainted) {
          findings.add(finding(file, Rules.PY_SQL_FORMAT, line, i, closingParen(line, i + 1)));
        }
      }
    }
  }

  /** For {@code NAME . member}, the member name; else null. */
  private static String memberAt(List<Token> line, int i) {
    if (i + 2 < line.size() && line.get(i + 1).is(".") && line.get(i + 2).kind() == Kind.NAME) {
      return line.get(i + 2).text();
    }
    return null;
  }

  private static boolean isWeakHashCall(List<Token> line, int i, String member) {
    if (member.equals("md5") || member.equals("sha1")) {
      return true;
    }
    if (member.equals("new") && i + 4 < line.size() && line.get(i + 3).is("(") && line.get(i + 4).kind() == Kind.STRING) {
      String algorithm = Ascii.lower(unquote(line.get(i + 4).text())).replace("-", "");
      return algorithm.equals("md5") || algorithm.equals("sha1");
    }
    return false;
  }

  /** Whether the expression starting at {@code i} is a string with SQL built by f-string, %, .format or +. */
  private static boolean formattedSqlAt(List<Token> line, int i) {
    if (i < 0 || i >= line.size() || line.get(i).kind() != Kind.STRING) {
      return false;
    }
    int j = i;
    boolean fString = false;
    StringBuilder content = new StringBuilder();
    while (j < line.size() && line.get(j).kind() == Kind.STRING) {
      fString |= line.get(j).stringPrefix().contains("f");
      content.append(line.get(j).text());
      j++;
    }
    if (!SQL.matcher(content).find()) {
      return false;
    }
    if (fString && content.indexOf("{") >= 0) {
      return true;
    }
    if (j < line.size()) {
      Token next = line.get(j);
      return next.is("%") || next.is("+") || next.is(".") && j + 1 < line.size() && line.get(j + 1).is("format");
    }
    return false;
  }

  private static String assignmentTarget(List<Token> line) {
    int depth = 0;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      if (t.is("(") || t.is("[") || t.is("{")) {
        depth++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        depth--;
      } else if (depth == 0 && (t.is("=") || t.is(":="))) {
        for (int k = i - 1; k >= 0; k--) {
          if (line.get(k).kind() == Kind.NAME) {
            return line.get(k).text();
          }
        }
        return null;
      }
    }
    return null;
  }

  private static int indexAfterAssignment(List<Token> line) {
    for (int i = 0; i < line.size(); i++) {
      if (line.get(i).is("=")) {
        return i + 1;
      }
    }
    return -1;
  }

  private static int closingParen(List<Token> line, int open) {
    int depth = 0;
    for (int i = open; i < line.size(); i++) {
      if (line.get(i).is("(") || line.get(i).is("[") || line.get(i).is("{")) {
        depth++;
      } else if (line.get(i).is(")") || line.get(i).is("]") || line.get(i).is("}")) {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return line.size();
  }

  private static boolean hasKeyword(List<Token> line, int from, int to, String name, String value) {
    for (int i = from; i + 2 < to; i++) {
      if (line.get(i).is(name) && line.get(i + 1).is("=") && line.get(i + 2).is(value)) {
        return true;
      }
    }
    return false;
  }

  private static int depthAt(List<Token> line, int index) {
    int depth = 0;
    for (int i = 0; i < index; i++) {
      if (line.get(i).is("(")) {
        depth++;
      } else if (line.get(i).is(")")) {
        depth--;
      }
    }
    return depth;
  }

  private static boolean isSecretName(String name) {
    return SecretNames.words(name).stream().anyMatch(w -> SECRET_WORD.matcher(w).matches());
  }

  private static boolean isPasswordName(String name) {
    return SecretNames.words(name).stream().anyMatch(w -> PASSWORD_WORD.matcher(w).matches());
  }

  private static String unquote(String literal) {
    String body = literal.replaceFirst("^[A-Za-z]*", "");
    return body.length() >= 2 ? body.substring(1, body.length() - 1) : body;
  }

  private static Finding finding(SourceFile file, Rule rule, List<Token> line, int from, int to) {
    int end = Math.min(Math.max(to, from + 1), line.size());
    Token first = line.get(from);
    Token last = line.get(end - 1);
    String code = file.text().substring(first.offset(), last.offset() + last.text().length()).replaceAll("\\s+", " ");
    if (code.length() > 100) {
      code = code.substring(0, 97) + "...";
    }
    return file.finding(rule, first.offset(), code, code);
  }
}
