package dev.hearth.hypervisor.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverFactoryTest {

    @Test
    void eachDriverIsFoundByNameAndDeclaresTheIsolationItGives() {
        Map<String, DriverFactory> factories = DriverFactory.available();

        assertEquals(List.of("sandbox", "qemu"), List.copyOf(factories.keySet()));
        assertEquals("sandbox", factories.get("sandbox").isolation());
        assertEquals("vm", factories.get("qemu").isolation());
    }
}
