/**
 * Whether Hearth can serve, aspect by aspect (host agents, realm, secrets, database), decided from
 * what the server found: each aspect ready with a note, or not ready with the reason an
 * administrator can act on. Pure functions over {@code java.*} only; the readiness checks gather the
 * facts (docs/adr/0023).
 */
package dev.hearth.domain.readiness;
