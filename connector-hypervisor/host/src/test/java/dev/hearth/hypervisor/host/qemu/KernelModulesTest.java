package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelModulesTest {

    /** The dependencies of Debian 6.1's modules that the guest loads, as their modinfo says. */
    private static final Map<String, List<String>> DEBIAN_6_1 = Map.ofEntries(
            Map.entry("virtio_pci", List.of("virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio")),
            Map.entry("virtio_console", List.of("virtio", "virtio_ring")),
            Map.entry("9pnet_virtio", List.of("virtio", "9pnet", "virtio_ring")),
            Map.entry("9p", List.of("9pnet", "fscache", "netfs")),
            Map.entry("fscache", List.of("netfs")),
            Map.entry("virtio", List.of("virtio_ring")),
            Map.entry("virtio_ring", List.of()),
            Map.entry("virtio_pci_modern_dev", List.of()),
            Map.entry("virtio_pci_legacy_dev", List.of()),
            Map.entry("9pnet", List.of()),
            Map.entry("netfs", List.of()));

    @Test
    void loadsEveryModuleAfterWhatItDependsOn() {
        List<String> order = KernelModules.loadOrder(GuestImage.MODULES, DEBIAN_6_1::get);

        assertEquals(DEBIAN_6_1.size(), order.size(), "each module once: " + order);
        for (String module : order) {
            for (String dependency : DEBIAN_6_1.get(module)) {
                assertTrue(
                        order.indexOf(dependency) < order.indexOf(module),
                        dependency + " before " + module + " in " + order);
            }
        }
    }

    @Test
    void readsTheDependenciesFromTheModulesInfo() {
        byte[] module =
                "\u007fELF...\0license=GPL\0depends=virtio,virtio_ring\0name=virtio_console\0".getBytes(ISO_8859_1);
        byte[] standalone = "\0depends=\0name=9pnet\0".getBytes(ISO_8859_1);

        assertEquals(List.of("virtio", "virtio_ring"), KernelModules.dependencies(module));
        assertEquals(List.of(), KernelModules.dependencies(standalone));
    }

    @Test
    void refusesAModuleTheKernelLacks() {
        assertThrows(IllegalArgumentException.class, () -> KernelModules.loadOrder(List.of("vsock"), DEBIAN_6_1::get));
    }
}
