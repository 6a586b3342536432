package dev.bulwark.cli.jwt;

import dev.bulwark.auth.jwt.InvalidTokenException;
import dev.bulwark.auth.jwt.JwkSet;
import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.jwt.JwtVerificationKey;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import dev.bulwark.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark jwt}: make a signing key (printed as a private JWK), sign a JSON claims file into a
 * JWS compact token, verify a token read on stdin. Keys come from files, tokens from stdin, never
 * from arguments.
 */
@Command(
    name = "jwt",
    mixinStandardHelpOptions = true,
    description = "Issue and verify JSON Web Tokens (EdDSA, ES256, PS256, RS256, HS256, ML-DSA-65).")
public final class JwtCommand implements Runnable {
  /** A key or JWK set file larger than this is not one (20 ML-DSA-65 keys fit). */
  private static final int MAX_KEY_FILE_BYTES = 256 * 1024;
  private static final int MAX_CLAIMS_BYTES = 64 * 1024;
  private static final int MAX_TOKEN_BYTES = JwtVerifier.MAX_TOKEN_CHARS_CAP + 2;
  private static final String ALGORITHMS =
      Stream.of(JwtAlgorithm.values()).map(JwtAlgorithm::joseName).collect(Collectors.joining(", "));

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose keygen, sign or verify (see --help)");
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Print a new private JWK (RFC 7517) with alg set; store it in a file only you can read.",
        "ALG: EdDSA (Ed25519), ES256, PS256, RS256 (3072-bit RSA), HS256 (32-byte secret), ML-DSA-65."
      })
  int keygen(
      @Option(names = "--alg", required = true, paramLabel = "ALG", description = "The algorithm the key is pinned to.")
          String alg,
      @Option(names = "--kid", paramLabel = "KID", description = "Key id written into the JWK and every token's header.")
          String kid) {
    JwtAlgorithm algorithm =
        JwtAlgorithm.fromJoseName(alg).orElseThrow(() -> CliException.usage("unknown --alg; choose one of " + ALGORITHMS));
    try {
      JwtSigningKey key = JwtSigningKey.generate(algorithm, kid);
      spec.commandLine().getOut().println(key.insecureExportPrivateJwk());
      key.destroy();
      return 0;
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Sign a JSON claims object and print the token.",
        "If the claims have no exp, exp is set to now + --ttl; iat is set to now unless present."
      })
  int sign(
      @Option(names = "--key-file", required = true, paramLabel = "JWK", description = "Private JWK file (from jwt keygen).")
          Path keyFile,
      @Option(names = "--claims-file", required = true, paramLabel = "FILE", description = "JSON claims file, or - for stdin.")
          Path claimsFile,
      @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "900", description = "Lifetime when the claims have no exp (default: ${DEFAULT-VALUE}).")
          long ttlSeconds) {
    if (ttlSeconds < 1 || ttlSeconds > Duration.ofDays(366).toSeconds()) {
      throw CliException.usage("--ttl must be 1 second to 366 days");
    }
    JwtSigningKey key;
    try {
      key = JwtSigningKey.fromJwk(readFile(keyFile, "key file"));
    } catch (CryptoException e) {
      throw CliException.usage("key file " + keyFile + " is not a private JWK: " + e.getMessage());
    }
    String claimsJson =
        "-".equals(claimsFile.toString())
            ? utf8(Stdio.current().readAll(MAX_CLAIMS_BYTES, "claims"), "claims")
            : readFile(claimsFile, "claims file");
    try {
      JwtClaims.Builder claims = JwtClaims.builderFromJson(claimsJson);
      if (!claims.hasExpiry()) {
        claims.expiresAt(Instant.now().plusSeconds(ttlSeconds));
      }
      spec.commandLine().getOut().println(JwtSigner.create(key).sign(claims.build()));
      return 0;
    } catch (CryptoException | IllegalArgumentException e) {
      throw CliException.usage("cannot sign these claims: " + e.getMessage());
    } finally {
      key.destroy();
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify the token on stdin and print its claims as JSON.",
        "Exit 0 valid, 1 invalid (the reason on stderr), 2 usage or unreadable key."
      })
  int verify(
      @Option(names = "--key-file", required = true, paramLabel = "JWK_OR_JWKS", description = "A JWK or a JWK set file.")
          Path keyFile,
      @Option(names = "--iss", required = true, paramLabel = "ISS", description = "The issuer the token must name.")
          String issuer,
      @Option(names = "--aud", required = true, paramLabel = "AUD", description = "An audience the token must name.")
          String audience,
      @Option(names = "--scope", paramLabel = "S", description = "A scope the token must carry (repeatable).")
          List<String> scopes,
      @Option(names = "--max-skew-seconds", paramLabel = "SECONDS", defaultValue = "60", description = "Clock skew allowed (default: ${DEFAULT-VALUE}, at most 600).")
          long skewSeconds) {
    JwtVerifier verifier;
    try {
      JwtVerifier.Builder builder = JwtVerifier.builder(readKeys(keyFile))
          .requireIssuer(issuer)
          .requireAudience(audience)
          .maxClockSkew(Duration.ofSeconds(skewSeconds));
      if (scopes != null && !scopes.isEmpty()) {
        builder.requireScopes(scopes.toArray(String[]::new));
      }
      verifier = builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.usage(e.getMessage());
    }
    String token = utf8(Stdio.current().readAll(MAX_TOKEN_BYTES, "token"), "token").strip();
    try {
      VerifiedJwt jwt = verifier.verify(token);
      spec.commandLine().getOut().println(jwt.claimsJson());
      return 0;
    } catch (InvalidTokenException e) {
      throw CliException.negative("invalid token: " + e.getMessage());
    }
  }

  private static JwkSet readKeys(Path keyFile) {
    String text = readFile(keyFile, "key file");
    try {
      return text.contains("\"keys\"") ? JwkSet.parse(text) : JwkSet.of(List.of(JwtVerificationKey.fromJwk(text)));
    } catch (CryptoException e) {
      throw CliException.usage("key file " + keyFile + " is not a usable JWK or JWK set: " + e.getMessage());
    }
  }

  private static String readFile(Path file, String what) {
    byte[] raw;
    try (InputStream in = Files.newInputStream(file)) {
      raw = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + what + " " + file);
    }
    try {
      if (raw.length > MAX_KEY_FILE_BYTES) {
        throw CliException.usage(what + " " + file + " is larger than " + MAX_KEY_FILE_BYTES + " bytes");
      }
      return utf8(raw, what + " " + file);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static String utf8(byte[] raw, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw CliException.usage(what + " is not UTF-8");
    }
  }
}
