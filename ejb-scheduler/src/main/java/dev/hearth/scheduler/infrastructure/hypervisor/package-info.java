/**
 * The {@link dev.hearth.scheduler.application.HypervisorGateway} over the JCA connector
 * ({@code java:app/eis/hearth/HostAgent}), the one place that maps the agents' wire types and
 * status codes to the scheduler's terms, and the message-driven bean that takes the agents'
 * events into the pool. May depend on EJB and CDI, the application's interfaces, the pool, the
 * domain, the connector API and the wire records; nothing else sees the connector's connections
 * or the wire records.
 */
package dev.hearth.scheduler.infrastructure.hypervisor;
