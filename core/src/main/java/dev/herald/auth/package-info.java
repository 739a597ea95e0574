/**
 * Authentication and authorization hooks: {@link dev.herald.auth.TokenVerifier} gives connections an
 * identity and an expiry, {@link dev.herald.auth.Authorizer} decides who may subscribe and publish,
 * and {@link dev.herald.auth.JwtTokens} verifies and signs JSON Web Tokens (it needs
 * {@code io.jsonwebtoken:jjwt-impl} at run time; Herald's core does not depend on it otherwise).
 */
package dev.herald.auth;
