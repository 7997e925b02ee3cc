/**
 * What an instance driver is, and what every driver shares: the driver, factory and instance
 * interfaces (drivers are found through {@link java.util.ServiceLoader}, each declaring the
 * isolation it gives); the {@link dev.hearth.hypervisor.host.driver.InvocationEngine}, the one
 * invocation flow, over the small SPI a driver implements ({@code ContainerHost} and {@code
 * PortionContainer}: start a portion's container, await its init, deliver an event, stop it,
 * pause and resume the instance); the {@link dev.hearth.hypervisor.host.driver.RuntimeContract}
 * (environment, command and folders of a portion's runtime); the lifecycles of instances and
 * containers as sealed interfaces of records with explicit transitions, and the pure
 * classification of invocation outcomes. May depend on {@code java.*}, the wire
 * records and {@code ..host.runtimeapi} (the events, portion calls and error documents a runtime
 * is served).
 */
package dev.hearth.hypervisor.host.driver;
