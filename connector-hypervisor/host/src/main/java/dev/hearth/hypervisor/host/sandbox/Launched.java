package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.egress.EgressProxy;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import java.nio.file.Path;

/**
 * A started container and what the agent serves it: its Runtime API and (trusted only) egress
 * proxy, and {@code runDir}, the host folder at its {@code /run/hearth}.
 */
record Launched(
        String name,
        int uid,
        boolean trusted,
        SandboxContainer container,
        RuntimeApiServer runtimeApi,
        EgressProxy egress,
        Path runDir) {

    /** Closes what the agent serves it; the container itself goes with its cgroup. */
    void release() {
        runtimeApi.close();
        if (egress != null) {
            egress.close();
        }
    }

    void stop() {
        container.stop();
        release();
    }
}
