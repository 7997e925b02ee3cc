package dev.hearth.hypervisor.host.qemu;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverFactory;
import dev.hearth.hypervisor.host.driver.DriverSettings;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import java.nio.file.Path;

/** The {@code qemu} driver, whose instances, virtual machines, give the {@code vm} isolation. */
public final class QemuDriverFactory implements DriverFactory {

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public String isolation() {
        return "vm";
    }

    @Override
    public InstanceDriver create(Path stateDir, Path imageUsr, DriverSettings settings, EventSink events)
            throws DriverException {
        if (!(settings instanceof QemuSettings qemu)) {
            throw new DriverException("the qemu driver's settings are missing");
        }
        return QemuDriver.create(stateDir, qemu.guestDir(), imageUsr, qemu.idleContainers(), events);
    }
}
