/**
 * Trust levels mapped to credentials: the configurable table from a portion's trust level to the
 * Keycloak client, audience and scopes of its credential, and the minter that obtains such a
 * credential by token exchange from the caller's own token. Depends on {@code java.*}, JSON-P,
 * CDI, MicroProfile Config and the secret settings only. Tokens never appear in a {@code toString()} or a log line.
 */
package dev.hearth.security.credential;
