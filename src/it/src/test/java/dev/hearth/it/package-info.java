/**
 * Integration tests: the real EAR deployed by Arquillian to a real Payara Server, with a real
 * Keycloak, PostgreSQL and host agent (started by {@code src/it/it-env}). Tests act as API
 * clients over HTTP, as a user would. May depend on anything on the test class path.
 */
package dev.hearth.it;
