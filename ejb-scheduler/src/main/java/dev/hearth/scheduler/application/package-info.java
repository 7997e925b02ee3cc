/**
 * Hearth's use cases as EJB-facing service interfaces, their view records, the one exception
 * they throw ({@code HearthException}) with the table of problem types the API answers with
 * ({@code ProblemType}), and the ports they need ({@link
 * dev.hearth.scheduler.application.HypervisorGateway} speaks in {@link
 * dev.hearth.scheduler.application.InvokeOutcome}s and {@link
 * dev.hearth.scheduler.application.HostAgentFailure}s, never in wire types or status codes).
 * Implementations ({@code Default*}) gather state, call the pure domain decisions and apply them.
 * The state members of a cluster share (credential bindings, concurrency limits) is behind ports
 * too; their in-memory implementations ({@code InMemory*}, one server) live here, the data grid's
 * in {@code ..infrastructure.datagrid}, which chooses between them.
 * May depend on EJB and CDI, Jakarta Transactions' {@code @Transactional}, the domain, the persistence entities, the instance pool ({@code
 * ..scheduler.pool}), the protocol module's archive checker, host addresses and whole-JSON check, the upload rules
 * ({@code dev.hearth.manifest}, which the CLI shares) (not the wire
 * records, nor the connector's connections), the security realm, JSON-P and MicroProfile Config; never on the web layer nor
 * on {@code ..scheduler.infrastructure}.
 */
package dev.hearth.scheduler.application;
