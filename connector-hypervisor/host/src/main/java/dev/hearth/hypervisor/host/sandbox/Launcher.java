package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.io.IOException;
import java.util.List;

/** Starts containers with the agent's {@link ContainerRuntime} and removes what it keeps of them. */
sealed interface Launcher permits BwrapLauncher, RuncLauncher {

    /**
     * The command that runs container {@code containerId} in the foreground until its first
     * process ends; whatever it needs on disk is written first.
     */
    List<String> command(String containerId, ContainerSpec spec) throws IOException, DriverException;

    /** Removes what the runtime keeps of a container once it ended or was killed; never throws. */
    void remove(String containerId);

    /** Removes every container whose id starts with {@code prefix} (an instance's); never throws. */
    void removeAll(String prefix);
}
