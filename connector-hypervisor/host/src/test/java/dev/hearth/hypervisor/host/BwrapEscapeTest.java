package dev.hearth.hypervisor.host;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;

/** The escape suite against containers run by bubblewrap (the agent's default). */
class BwrapEscapeTest extends EscapeTest {

    @Override
    ContainerRuntime containerRuntime() {
        return ContainerRuntime.BWRAP;
    }
}
