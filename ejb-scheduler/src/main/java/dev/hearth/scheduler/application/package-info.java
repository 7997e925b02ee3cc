/**
 * Hearth's use cases as EJB-facing service interfaces, their view records, and the one exception
 * they throw ({@code HearthException}) with the table of problem types the API answers with. Implementations ({@code Default*}) gather state, call the
 * pure domain decisions and apply them. May depend on the domain, the persistence layer, the
 * connector API and the security realm; never on the web layer.
 */
package dev.hearth.scheduler.application;
