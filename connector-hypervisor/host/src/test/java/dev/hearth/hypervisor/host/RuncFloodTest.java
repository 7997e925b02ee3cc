package dev.hearth.hypervisor.host;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;

/** The flood test against containers run by runc from OCI bundles. */
class RuncFloodTest extends FloodTest {

    @Override
    ContainerRuntime containerRuntime() {
        return ContainerRuntime.RUNC;
    }
}
