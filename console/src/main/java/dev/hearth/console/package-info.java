/**
 * The admin console at {@code /console}: server-rendered HTML pages behind browser sign-in with
 * Keycloak (Jakarta Security's OpenID Connect mechanism, client {@code hearth-console}). Pages are
 * thin: they read the application services of {@code dev.hearth.scheduler.application} as the
 * signed-in {@link dev.hearth.security.Caller} and render escaped HTML. Depends on Jakarta EE,
 * MicroProfile Config, the application services and the security realm; nothing depends on it.
 */
package dev.hearth.console;
