package dev.hearth.hypervisor.host;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;

/** The escape suite against containers run by runc from OCI bundles. */
class RuncEscapeTest extends EscapeTest {

    @Override
    ContainerRuntime containerRuntime() {
        return ContainerRuntime.RUNC;
    }
}
