package dev.bulwark.audit;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Java insecure-code rules, matched on JavaParser's syntax tree (no symbol resolution: types
 * are recognised by their simple names, which is what the code in question writes). A file that
 * JavaParser cannot parse yields no result here; the secret rules still run on its tokens.
 * Stateless and thread-safe: each call builds its own parser.
 */
final class JavaDetector {
  private static final Set<String> XML_FACTORIES =
      Set.of("DocumentBuilderFactory", "SAXParserFactory", "XMLInputFactory", "TransformerFactory", "SchemaFactory");
  private static final Set<String> FACTORY_METHODS = Set.of("newInstance", "newFactory", "newDefaultInstance", "newDefaultFactory");
  private static final List<String> XXE_HARDENING =
      List.of(
          "disallow-doctype-decl", "FEATURE_SECURE_PROCESSING", "ACCESS_EXTERNAL_DTD", "SUPPORT_DTD",
          "IS_SUPPORTING_EXTERNAL_ENTITIES", "external-general-entities", "ACCESS_EXTERNAL_SCHEMA");
  private static final Set<String> SCOPED_NAMES =
      Set.of("newInstance", "newFactory", "newDefaultInstance", "newDefaultFactory", "exec", "getInstance");
  private static final Set<String> SQL_EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/zsh", "cmd", "cmd.exe", "powershell");
  private static final Set<String> SHELL_FLAGS = Set.of("-c", "/c", "-Command");
  private static final Pattern SECRET_WORD = Pattern.compile("token|key|keys|password|passwd|pwd|pass|secret|nonce|salt|otp|credential|iv|session|passphrase|apikey");
  private static final Pattern PASSWORD_WORD = Pattern.compile("[a-z]*(password|passwd|pwd|passphrase)s?|pass");

  /** The findings, or an empty result if the file does not parse (the caller records that). */
  Optional<List<Finding>> scan(SourceFile file) {
    // RAW: the newest grammar with no per-version validation (the scanner should read code of any
    // Java version, not judge it); comments are not attributed to nodes, which the rules do not
    // need and which costs parse time. (Tokens stay stored: node positions depend on them.)
    ParserConfiguration configuration =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
            .setAttributeComments(false);
    ParseResult<CompilationUnit> result;
    // The parser and the tree walk recurse per nesting level: hostile input (thousands of nested
    // parentheses) overflows the stack. Such a file is treated as one that does not parse.
    try {
      result = new JavaParser(configuration).parse(file.text());
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        return Optional.empty();
      }
      CompilationUnit unit = result.getResult().get();
      List<Finding> findings = new ArrayList<>();
      new Visit(file, unit, findings).run();
      return Optional.of(findings);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static final class Visit {
    private final SourceFile file;
    private final CompilationUnit unit;
    private final List<Finding> findings;
    private final Set<String> randomVariables = new HashSet<>();

    Visit(SourceFile file, CompilationUnit unit, List<Finding> findings) {
      this.file = file;
      this.unit = unit;
      this.findings = findings;
    }

    void run() {
      for (VariableDeclarator variable : unit.findAll(VariableDeclarator.class)) {
        String type = variable.getTypeAsString();
        boolean newRandom = variable.getInitializer().map(init -> isNew(init, "Random")).orElse(false);
        if (type.equals("Random") || type.equals("java.util.Random") || newRandom) {
          randomVariables.add(variable.getNameAsString());
        }
      }
      for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
        methodCall(call);
      }
      for (ObjectCreationExpr creation : unit.findAll(ObjectCreationExpr.class)) {
        creation(creation);
      }
      for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
        methodDeclaration(method);
      }
      for (LambdaExpr lambda : unit.findAll(LambdaExpr.class)) {
        lambda(lambda);
      }
      for (FieldAccessExpr access : unit.findAll(FieldAccessExpr.class)) {
        if (access.getNameAsString().equals("ALLOW_ALL_HOSTNAME_VERIFIER")) {
          report(Rules.JAVA_ALL_HOSTNAMES, access);
        }
      }
    }

    private void methodCall(MethodCallExpr call) {
      String name = call.getNameAsString();
      // Printing the receiver costs time proportional to its size: only for the names that need it.
      String scope = SCOPED_NAMES.contains(name) ? call.getScope().map(Node::toString).orElse("") : "";
      if (name.equals("readObject") && call.getArguments().isEmpty() && isObjectInputStream(call) && !classCalls(call, "setObjectInputFilter")) {
        report(Rules.JAVA_DESERIALIZATION, call);
      }
      if (FACTORY_METHODS.contains(name) && XML_FACTORIES.contains(lastSegment(scope)) && !hardened(call)) {
        report(Rules.JAVA_XXE, call);
      }
      if (name.equals("exec") && (scope.contains("Runtime") || scope.contains("runtime")) && !call.getArguments().isEmpty()) {
        if (isDynamicString(call.getArgument(0)) || runsShell(call.getArguments())) {
          report(Rules.JAVA_COMMAND_INJECTION, call);
        }
      }
      if (name.equals("command") && isProcessBuilderScope(call) && (runsShell(call.getArguments()) || anyDynamicString(call.getArguments()))) {
        report(Rules.JAVA_COMMAND_INJECTION, call);
      }
      if (SQL_EXECUTE.contains(name) && !call.getArguments().isEmpty() && isDynamicSql(call.getArgument(0), call)) {
        report(Rules.JAVA_SQL_INJECTION, call);
      }
      if (isInsecureRandomUse(call)
          && (feedsSecret(call) || call.getArguments().stream().anyMatch(a -> a instanceof NameExpr n && isSecretName(n.getNameAsString())))) {
        report(Rules.JAVA_INSECURE_RANDOM, call);
      }
      if (name.equals("getInstance") && scope.endsWith("MessageDigest") && firstStringArgument(call).map(JavaDetector::isWeakDigest).orElse(false)
          && aboutPasswords(call)) {
        report(Rules.JAVA_WEAK_PASSWORD_HASH, call);
      }
      if (name.equals("getInstance") && scope.endsWith("Cipher")) {
        firstStringArgument(call).ifPresent(transformation -> {
          String upper = Ascii.upper(transformation);
          // "RSA/ECB/OAEPPadding" is JCA's name for one-block RSA: ECB there is a misnomer, not a mode.
          boolean asymmetric = upper.startsWith("RSA/") || upper.startsWith("EC/") || upper.startsWith("ECIES");
          if (upper.equals("AES") || upper.equals("DES") || upper.equals("DESEDE") || upper.contains("/ECB/") && !asymmetric) {
            report(Rules.JAVA_WEAK_CIPHER_MODE, call);
          }
        });
      }
      if ((name.equals("setHostnameVerifier") || name.equals("setDefaultHostnameVerifier"))
          && !call.getArguments().isEmpty()
          && call.getArgument(0).toString().contains("NoopHostnameVerifier")) {
        report(Rules.JAVA_ALL_HOSTNAMES, call);
      }
    }

    private void creation(ObjectCreationExpr creation) {
      String type = creation.getType().getNameAsString();
      switch (type) {
        case "XMLDecoder" -> report(Rules.JAVA_XML_DECODER, creation);
        case "Yaml" -> {
          boolean safe = creation.getArguments().stream().anyMatch(arg -> mentionsSafeConstructor(arg, creation));
          if (!safe) {
            report(Rules.JAVA_SNAKEYAML, creation);
          }
        }
        case "ProcessBuilder" -> {
          if (runsShell(creation.getArguments()) || anyDynamicString(creation.getArguments())) {
            report(Rules.JAVA_COMMAND_INJECTION, creation);
          }
        }
        case "IvParameterSpec" -> {
          if (!creation.getArguments().isEmpty() && isStaticBytes(creation.getArgument(0))) {
            report(Rules.JAVA_STATIC_IV, creation);
          }
        }
        case "GCMParameterSpec" -> {
          if (creation.getArguments().size() >= 2 && isStaticBytes(creation.getArgument(1))) {
            report(Rules.JAVA_STATIC_IV, creation);
          }
        }
        case "NoopHostnameVerifier" -> report(Rules.JAVA_ALL_HOSTNAMES, creation);
        default -> {}
      }
    }

    private void methodDeclaration(MethodDeclaration method) {
      String name = method.getNameAsString();
      if (name.equals("checkServerTrusted") && method.getParameters().size() >= 2 && method.getBody().map(Visit::doesNothing).orElse(false)) {
        report(Rules.JAVA_TRUST_ALL, method.getName(), method.getDeclarationAsString() + " {}");
      }
      if (name.equals("verify")
          && method.getParameters().size() == 2
          && method.getParameter(1).getTypeAsString().endsWith("SSLSession")
          && method.getBody().map(Visit::returnsOnlyTrue).orElse(false)) {
        report(Rules.JAVA_ALL_HOSTNAMES, method.getName(), method.getDeclarationAsString() + " { return true; }");
      }
    }

    private void lambda(LambdaExpr lambda) {
      if (lambda.getParameters().size() != 2 || !(lambda.getParentNode().orElse(null) instanceof MethodCallExpr call)) {
        return;
      }
      String name = call.getNameAsString();
      if (!name.equals("setHostnameVerifier") && !name.equals("setDefaultHostnameVerifier")) {
        return;
      }
      Statement body = lambda.getBody();
      boolean alwaysTrue =
          body instanceof ExpressionStmt statement && statement.getExpression() instanceof BooleanLiteralExpr literal && literal.getValue()
              || body instanceof BlockStmt block && returnsOnlyTrue(block);
      if (alwaysTrue) {
        report(Rules.JAVA_ALL_HOSTNAMES, lambda);
      }
    }

    private static boolean doesNothing(BlockStmt block) {
      return block.getStatements().stream().allMatch(s -> s instanceof ReturnStmt || s.isEmptyStmt());
    }

    private static boolean returnsOnlyTrue(BlockStmt block) {
      return block.getStatements().size() == 1
          && block.getStatement(0) instanceof ReturnStmt ret
          && ret.getExpression().filter(e -> e instanceof BooleanLiteralExpr literal && literal.getValue()).isPresent();
    }

    /** Whether the call's receiver is an ObjectInputStream: created in place, or a variable, parameter or field declared as one. */
    private boolean isObjectInputStream(MethodCallExpr call) {
      Expression scope = call.getScope().orElse(null);
      if (scope instanceof ObjectCreationExpr creation) {
        return creation.getType().getNameAsString().endsWith("ObjectInputStream");
      }
      if (!(scope instanceof NameExpr name)) {
        return false;
      }
      String variable = name.getNameAsString();
      Node context = enclosingCallable(call).orElse(enclosingType(call));
      List<Node> places = List.of(context, enclosingType(call));
      for (Node place : places) {
        for (VariableDeclarator v : place.findAll(VariableDeclarator.class)) {
          if (v.getNameAsString().equals(variable)
              && (v.getTypeAsString().endsWith("ObjectInputStream")
                  || v.getInitializer().filter(i -> i instanceof ObjectCreationExpr c && c.getType().getNameAsString().endsWith("ObjectInputStream")).isPresent())) {
            return true;
          }
        }
        for (com.github.javaparser.ast.body.Parameter p : place.findAll(com.github.javaparser.ast.body.Parameter.class)) {
          if (p.getNameAsString().equals(variable) && p.getTypeAsString().endsWith("ObjectInputStream")) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean classCalls(Node node, String methodName) {
      return enclosingType(node).findAll(MethodCallExpr.class).stream().anyMatch(c -> c.getNameAsString().equals(methodName));
    }

    private boolean hardened(MethodCallExpr factoryCall) {
      Node scope = enclosingCallable(factoryCall).orElse(enclosingType(factoryCall));
      return scope.findAll(MethodCallExpr.class).stream()
          .filter(c -> c.getNameAsString().startsWith("set"))
          .map(Node::toString)
          .anyMatch(text -> XXE_HARDENING.stream().anyMatch(text::contains));
    }

    private boolean isProcessBuilderScope(MethodCallExpr call) {
      Node scope = enclosingCallable(call).orElse(enclosingType(call));
      return scope.findAll(ObjectCreationExpr.class).stream().anyMatch(c -> c.getType().getNameAsString().equals("ProcessBuilder"));
    }

    private boolean mentionsSafeConstructor(Expression arg, Node context) {
      if (arg.findAll(ObjectCreationExpr.class).stream().anyMatch(c -> c.getType().getNameAsString().equals("SafeConstructor"))) {
        return true;
      }
      if (arg instanceof NameExpr name) {
        Node scope = enclosingCallable(context).orElse(enclosingType(context));
        return scope.findAll(VariableDeclarator.class).stream()
            .filter(v -> v.getNameAsString().equals(name.getNameAsString()))
            .anyMatch(v -> v.getTypeAsString().equals("SafeConstructor") || v.getInitializer().map(i -> isNew(i, "SafeConstructor")).orElse(false));
      }
      return false;
    }

    /** A string built at run time from something other than literals: concatenation or formatting. */
    private static boolean isDynamicString(Expression expression) {
      if (expression instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
        return !(isConstant(binary.getLeft()) && isConstant(binary.getRight()));
      }
      if (expression instanceof MethodCallExpr call) {
        String name = call.getNameAsString();
        return name.equals("formatted") || name.equals("format") && call.getScope().map(s -> s.toString().equals("String")).orElse(false)
            || name.equals("concat");
      }
      return false;
    }

    private static boolean isConstant(Expression expression) {
      if (expression.isStringLiteralExpr() || expression.isIntegerLiteralExpr() || expression.isCharLiteralExpr()) {
        return true;
      }
      if (expression instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
        return isConstant(binary.getLeft()) && isConstant(binary.getRight());
      }
      return expression instanceof NameExpr name && name.getNameAsString().matches("[A-Z][A-Z0-9_]*");
    }

    private static boolean anyDynamicString(List<Expression> arguments) {
      return arguments.stream().anyMatch(Visit::isDynamicString);
    }

    private boolean isDynamicSql(Expression argument, Node context) {
      if (isDynamicString(argument)) {
        return true;
      }
      if (argument instanceof NameExpr name) {
        Node scope = enclosingCallable(context).orElse(enclosingType(context));
        for (VariableDeclarator variable : scope.findAll(VariableDeclarator.class)) {
          if (variable.getNameAsString().equals(name.getNameAsString()) && variable.getInitializer().map(Visit::isDynamicString).orElse(false)) {
            return true;
          }
        }
        for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
          if (assign.getTarget().toString().equals(name.getNameAsString())
              && (assign.getOperator() == AssignExpr.Operator.PLUS || isDynamicString(assign.getValue()))) {
            return true;
          }
        }
      }
      return false;
    }

    /** "sh", "-c" (or bash, cmd /c, ...) among the string literals of the arguments, in that order. */
    private static boolean runsShell(List<Expression> arguments) {
      List<String> literals = new ArrayList<>();
      for (Expression argument : arguments) {
        if (argument instanceof StringLiteralExpr literal) {
          literals.add(literal.getValue());
        } else {
          argument.findAll(StringLiteralExpr.class).forEach(l -> literals.add(l.getValue()));
        }
      }
      for (int i = 0; i + 1 < literals.size(); i++) {
        if (SHELLS.contains(literals.get(i)) && SHELL_FLAGS.contains(literals.get(i + 1))) {
          return true;
        }
      }
      return literals.stream().anyMatch(l -> l.matches("(/bin/|/usr/bin/)?(sh|bash|zsh) -c .*"));
    }

    private boolean isInsecureRandomUse(MethodCallExpr call) {
      String name = call.getNameAsString();
      Optional<Expression> scope = call.getScope();
      if (name.equals("random") && scope.map(s -> s.toString().equals("Math")).orElse(false)) {
        return true;
      }
      if (!name.startsWith("next") && !name.equals("ints") && !name.equals("longs")) {
        return false;
      }
      return scope.map(s -> s instanceof NameExpr n && randomVariables.contains(n.getNameAsString())
              || s instanceof FieldAccessExpr f && randomVariables.contains(f.getNameAsString())
              || isNew(s, "Random")
              || s.toString().equals("ThreadLocalRandom.current()"))
          .orElse(false);
    }

    /** Whether the value ends up in a variable, field, assignment target or method named like a secret. */
    private static boolean feedsSecret(Node use) {
      for (Node node = use; node != null; node = node.getParentNode().orElse(null)) {
        if (node instanceof VariableDeclarator variable && isSecretName(variable.getNameAsString())) {
          return true;
        }
        if (node instanceof AssignExpr assign && isSecretName(assign.getTarget().toString())) {
          return true;
        }
        if (node instanceof MethodCallExpr call && node != use && isSecretName(call.getNameAsString())) {
          return true;
        }
        if (node instanceof CallableDeclaration<?> callable) {
          return isSecretName(callable.getNameAsString());
        }
        if (node instanceof TypeDeclaration<?>) {
          return false;
        }
      }
      return false;
    }

    private static boolean isSecretName(String name) {
      return SecretNames.words(name.substring(name.lastIndexOf('.') + 1)).stream().anyMatch(w -> SECRET_WORD.matcher(w).matches());
    }

    private boolean aboutPasswords(MethodCallExpr call) {
      Node scope = enclosingCallable(call).orElse(enclosingType(call));
      if (scope instanceof CallableDeclaration<?> callable && isPasswordWord(callable.getNameAsString())) {
        return true;
      }
      return scope.findAll(NameExpr.class).stream().anyMatch(n -> isPasswordWord(n.getNameAsString()))
          || scope.findAll(com.github.javaparser.ast.body.Parameter.class).stream().anyMatch(p -> isPasswordWord(p.getNameAsString()))
          || scope.findAll(VariableDeclarator.class).stream().anyMatch(v -> isPasswordWord(v.getNameAsString()));
    }

    private static boolean isPasswordWord(String name) {
      return SecretNames.words(name).stream().anyMatch(w -> PASSWORD_WORD.matcher(w).matches());
    }

    /** A literal array, a string literal's bytes, or a constant (static final or ALL_CAPS) field. */
    private boolean isStaticBytes(Expression expression) {
      if (expression instanceof ArrayCreationExpr array) {
        return array.getInitializer().isPresent();
      }
      if (expression instanceof ArrayInitializerExpr) {
        return true;
      }
      if (expression instanceof MethodCallExpr call && call.getNameAsString().equals("getBytes")) {
        return call.getScope().map(Expression::isStringLiteralExpr).orElse(false);
      }
      String name;
      if (expression instanceof NameExpr n) {
        name = n.getNameAsString();
      } else if (expression instanceof FieldAccessExpr f) {
        name = f.getNameAsString();
      } else {
        return false;
      }
      if (name.matches("[A-Z][A-Z0-9_]*")) {
        return true;
      }
      for (FieldDeclaration field : enclosingType(expression).findAll(FieldDeclaration.class)) {
        if (field.isStatic() && field.isFinal() && field.getVariables().stream().anyMatch(v -> v.getNameAsString().equals(name))) {
          return true;
        }
      }
      return false;
    }

    private Node enclosingType(Node node) {
      Node outermost = unit;
      for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
        if (n instanceof TypeDeclaration<?>) {
          return n;
        }
      }
      return outermost;
    }

    private static Optional<Node> enclosingCallable(Node node) {
      for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
        if (n instanceof CallableDeclaration<?>) {
          return Optional.of(n);
        }
        if (n instanceof TypeDeclaration<?>) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }

    private void report(Rule rule, Node node) {
      report(rule, node, node.toString());
    }

    private void report(Rule rule, Node position, String text) {
      int line = position.getBegin().map(p -> p.line).orElse(1);
      int column = position.getBegin().map(p -> p.column).orElse(1);
      String code = text.replaceAll("\\s+", " ");
      if (code.length() > 100) {
        code = code.substring(0, 97) + "...";
      }
      findings.add(file.finding(rule, line, column, code, code));
    }
  }

  private static boolean isNew(Expression expression, String type) {
    return expression instanceof ObjectCreationExpr creation && creation.getType().getNameAsString().equals(type);
  }

  private static String lastSegment(String scope) {
    return scope.substring(scope.lastIndexOf('.') + 1);
  }

  private static Optional<String> firstStringArgument(MethodCallExpr call) {
    if (call.getArguments().isEmpty() || !(call.getArgument(0) instanceof StringLiteralExpr literal)) {
      return Optional.empty();
    }
    return Optional.of(literal.getValue());
  }

  private static boolean isWeakDigest(String algorithm) {
    String upper = Ascii.upper(algorithm).replace("-", "");
    return upper.equals("MD5") || upper.equals("SHA1") || upper.equals("MD2") || upper.equals("SHA");
  }
}
