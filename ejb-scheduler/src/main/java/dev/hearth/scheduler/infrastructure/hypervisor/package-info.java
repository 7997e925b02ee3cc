/**
 * The {@link dev.hearth.scheduler.application.HypervisorGateway} over the JCA connector
 * ({@code java:app/eis/hearth/HostAgent}), and the message-driven bean that takes the agents'
 * events into the pool. May depend on EJB and CDI, the application's interfaces, the pool, the
 * domain and the connector API; nothing else sees the connector's connection interfaces.
 */
package dev.hearth.scheduler.infrastructure.hypervisor;
