package dev.hearth.hypervisor.host.qemu;

import dev.hearth.hypervisor.host.driver.DriverSettings;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import java.nio.file.Path;

/** What the qemu driver reads of the agent's settings. */
public interface QemuSettings extends DriverSettings {

    /** The guest kernel folder that {@code guest/build-guest} prepares. */
    Path guestDir();

    /** Whether idle VMs are paused between invocations or run on. */
    IdleContainers idleContainers();
}
