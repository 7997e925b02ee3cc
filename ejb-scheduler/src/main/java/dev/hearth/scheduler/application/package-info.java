/**
 * Hearth's use cases as EJB-facing service interfaces, their view records and the exceptions
 * the API maps to problem details, and the ports they need ({@link
 * dev.hearth.scheduler.application.HypervisorGateway} speaks in {@link
 * dev.hearth.scheduler.application.InvokeOutcome}s and {@link
 * dev.hearth.scheduler.application.HostAgentFailure}s, never in wire types or status codes).
 * Implementations ({@code Default*}) gather state, call the pure domain decisions and apply them.
 * May depend on the domain, the persistence entities, the instance pool ({@code ..scheduler.pool}),
 * the connector API's archive checker and host addresses (not its connections or wire types), the
 * security realm, JSON-P and MicroProfile Config; never on the web layer.
 */
package dev.hearth.scheduler.application;
