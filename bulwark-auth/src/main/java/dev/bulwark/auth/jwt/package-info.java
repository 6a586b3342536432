/**
 * JSON Web Tokens (RFC 7519, JWS compact) with pinned algorithms and OAuth scopes: {@link
 * dev.bulwark.auth.jwt.JwtSigner} issues, {@link dev.bulwark.auth.jwt.JwtVerifier} verifies and yields
 * a {@link dev.bulwark.auth.jwt.VerifiedJwt} or throws {@link dev.bulwark.auth.jwt.InvalidTokenException};
 * keys are {@link dev.bulwark.auth.jwt.JwtSigningKey} / {@link dev.bulwark.auth.jwt.JwtVerificationKey},
 * rotated by {@link dev.bulwark.auth.jwt.JwtSigningKeyset} and published as a {@link
 * dev.bulwark.auth.jwt.JwkSet}. Built on nimbus-jose-jwt (JSON, header and claims parsing, token
 * assembly) and bulwark-crypto (every signature and MAC).
 */
package dev.bulwark.auth.jwt;
