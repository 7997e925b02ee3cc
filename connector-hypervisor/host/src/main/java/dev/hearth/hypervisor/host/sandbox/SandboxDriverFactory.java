package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.DriverFactory;
import dev.hearth.hypervisor.host.driver.DriverSettings;
import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import java.nio.file.Path;

/** The {@code sandbox} driver, whose instances give the {@code sandbox} isolation. */
public final class SandboxDriverFactory implements DriverFactory {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String isolation() {
        return "sandbox";
    }

    @Override
    public InstanceDriver create(Path stateDir, Path imageUsr, DriverSettings settings, EventSink events)
            throws DriverException {
        if (!(settings instanceof SandboxSettings sandbox)) {
            throw new DriverException("the sandbox driver's settings are missing");
        }
        return SandboxDriver.create(
                stateDir,
                imageUsr,
                sandbox.cpuPercent(),
                sandbox.containerRuntime(),
                sandbox.containerUids(),
                sandbox.idleContainers(),
                events);
    }
}
