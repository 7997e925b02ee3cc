package dev.hearth.hypervisor.host.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.hypervisor.host.code.CodeRetention;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.driver.ScriptedDriver;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent lists of the instances it boots, with a driver that boots nothing real. */
class InstanceRegistryTest {

    @TempDir
    Path stateDir;

    @Test
    void everyInstanceIsListedWithTheMemberThatBootedIt() throws Exception {
        InstanceRegistry registry = new InstanceRegistry(
                "host-a",
                4,
                Map.of("sandbox", new ScriptedDriver(invocation -> {
                    throw new UnsupportedOperationException("this test invokes nothing");
                })),
                CodeStore.open(stateDir, CodeRetention.DEFAULT),
                (type, instanceId, detail) -> {});

        InstanceView first = registry.create(new CreateInstanceRequest(null, "python3", "sandbox", "hearth-1"));
        InstanceView second = registry.create(new CreateInstanceRequest("alice", "python3", "sandbox", "hearth-2"));
        InstanceView unlabelled = registry.create(new CreateInstanceRequest(null, "python3", "sandbox", null));

        assertEquals("hearth-1", first.member());
        assertEquals(
                Set.of(
                        first.instanceId() + " of hearth-1",
                        second.instanceId() + " of hearth-2",
                        unlabelled.instanceId() + " of null"),
                registry.list().stream()
                        .map(v -> v.instanceId() + " of " + v.member())
                        .collect(Collectors.toSet()));
    }
}
