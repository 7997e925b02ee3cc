/**
 * Hearth's MicroProfile Health readiness checks (Payara serves them at {@code /health/ready} and
 * {@code /health}): host agents, realm, secrets and database, each decided by {@link
 * dev.hearth.domain.readiness.ReadinessRules} from what these checks find, and reported DOWN with
 * the reason an administrator can act on. May depend on CDI, MicroProfile Health and Config, the
 * scheduler's gateway, the secret settings, the data source choice and the domain.
 */
package dev.hearth.web.health;
