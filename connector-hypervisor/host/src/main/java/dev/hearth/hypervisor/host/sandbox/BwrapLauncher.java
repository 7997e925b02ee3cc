package dev.hearth.hypervisor.host.sandbox;

import java.util.List;

/** Containers run by bubblewrap: one command line, nothing kept once its processes are gone. */
record BwrapLauncher(HostLayout layout) implements Launcher {

    @Override
    public List<String> command(String containerId, ContainerSpec spec) {
        return SandboxCommands.container(spec, layout);
    }

    @Override
    public void remove(String containerId) {
        // bwrap keeps no state of its own: the cgroup and the folders are the driver's.
    }

    @Override
    public void removeAll(String prefix) {
        // As remove.
    }
}
