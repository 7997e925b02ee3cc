/**
 * Signing in with the realm (OpenID Connect discovery, the device authorization grant of RFC 8628,
 * the password grant for scripts, refresh, revocation of RFC 7009) and keeping each profile's tokens.
 * Depends on {@code java.*}, JSON-P and the CLI's config, http, output and failure types.
 */
package dev.hearth.cli.auth;
