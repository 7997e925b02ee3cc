/**
 * The {@link dev.hearth.scheduler.application.HypervisorGateway} over the JCA connector
 * ({@code java:app/eis/hearth/HostAgent}). May depend on the application's interfaces, the
 * domain and the connector API; nothing else sees the connector.
 */
package dev.hearth.scheduler.infrastructure.hypervisor;
