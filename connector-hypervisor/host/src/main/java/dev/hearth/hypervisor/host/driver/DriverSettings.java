package dev.hearth.hypervisor.host.driver;

/**
 * The agent's settings as a {@link DriverFactory} receives them. Each driver declares the settings
 * it reads as an interface extending this one, in its own package; the agent's settings implement
 * them all.
 */
public interface DriverSettings {}
