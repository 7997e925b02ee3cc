/**
 * Signing in with the realm (OpenID Connect discovery, the device authorization grant of RFC 8628,
 * the authorization code flow with PKCE and a loopback redirect of RFC 8252, the password grant for
 * scripts, refresh, revocation of RFC 7009) and keeping each profile's tokens. Depends on {@code
 * java.*}, the JDK's HTTP server (the loopback redirect), JSON-P and the CLI's config, http, output
 * and failure types.
 */
package dev.hearth.cli.auth;
