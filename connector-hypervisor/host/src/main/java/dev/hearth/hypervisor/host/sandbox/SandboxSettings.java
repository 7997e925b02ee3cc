package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverSettings;

/** What the sandbox driver reads of the agent's settings. */
public interface SandboxSettings extends DriverSettings {

    /** The CPU each container may use at most, in percent of one core. */
    int cpuPercent();

    ContainerRuntime containerRuntime();

    ContainerUids containerUids();

    IdleContainers idleContainers();
}
