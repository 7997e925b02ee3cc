/**
 * The admin console at {@code /console}: server-rendered HTML pages behind browser sign-in with
 * Keycloak (Jakarta Security's OpenID Connect mechanism, client {@code hearth-console}). Servlets
 * are thin ({@link dev.hearth.console.ConsoleServlet}: GET shows, a POST form with the session's
 * CSRF token acts, then redirects): they call the application services of {@code
 * dev.hearth.scheduler.application} as the signed-in {@link dev.hearth.security.Caller}, whose rules
 * decide, and hand what they return to a page class that renders escaped HTML ({@link
 * dev.hearth.console.Html}) in the common {@link dev.hearth.console.Layout}. The overview's charts
 * are SVG drawn here ({@link dev.hearth.console.Charts}, docs/adr/0035); the console's one script,
 * {@code overview.js}, fetches them anew. Depends on Jakarta EE,
 * MicroProfile Config, the application services and the security realm; nothing depends on it.
 */
package dev.hearth.console;
