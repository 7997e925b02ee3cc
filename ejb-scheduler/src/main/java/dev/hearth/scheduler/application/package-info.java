/**
 * Hearth's use cases as EJB-facing service interfaces, their view records and the exceptions
 * the API maps to problem details. Implementations ({@code Default*}) gather state, call the
 * pure domain decisions and apply them. May depend on the domain, the persistence layer, the
 * connector API and the security realm; never on the web layer.
 */
package dev.hearth.scheduler.application;
