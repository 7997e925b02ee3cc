package dev.hearth.hypervisor.host;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;

/** The flood test against containers run by bubblewrap (the agent's default). */
class BwrapFloodTest extends FloodTest {

    @Override
    ContainerRuntime containerRuntime() {
        return ContainerRuntime.BWRAP;
    }
}
