/**
 * Hearth's use cases as EJB-facing service interfaces, their view records and the exceptions
 * the API maps to problem details. Implementations ({@code Default*}) gather state, call the
 * pure domain decisions and apply them. May depend on EJB and CDI, the domain, the persistence
 * entities, the instance pool ({@code ..scheduler.pool}), the connector API, the security realm,
 * JSON-P and MicroProfile Config; never on the web layer nor on {@code ..scheduler.infrastructure}.
 */
package dev.hearth.scheduler.application;
