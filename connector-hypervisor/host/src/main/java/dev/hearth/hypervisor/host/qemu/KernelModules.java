package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The kernel modules a guest loads, in an order that loads each after the modules it depends on.
 * Debian's kernel package ships no {@code modules.dep} (depmod makes it at install time), so the
 * dependencies come from each module's own {@code depends=} field.
 */
final class KernelModules {

    private KernelModules() {}

    /** Finds every {@code .ko} under {@code modulesDir}, by module name. */
    static Map<String, Path> index(Path modulesDir) throws IOException {
        Map<String, Path> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(modulesDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".ko"))
                    .sorted()
                    .forEach(p -> {
                        String file = p.getFileName().toString();
                        byName.putIfAbsent(file.substring(0, file.length() - 3).replace('-', '_'), p);
                    });
        }
        return byName;
    }

    /** The {@code depends=} field of a module file: the names of the modules it needs. */
    static List<String> dependencies(byte[] module) {
        String text = new String(module, ISO_8859_1);
        int at = text.indexOf("\0depends=");
        if (at < 0) {
            return List.of();
        }
        int start = at + "\0depends=".length();
        String value = text.substring(start, text.indexOf('\0', start));
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    /**
     * {@code wanted} and everything they depend on, dependencies first; fails on a module that
     * {@code dependenciesOf} does not know.
     */
    static List<String> loadOrder(List<String> wanted, Function<String, List<String>> dependenciesOf) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : wanted) {
            visit(name, dependenciesOf, ordered, new ArrayList<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(
            String name, Function<String, List<String>> dependenciesOf, Set<String> ordered, List<String> path) {
        if (ordered.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            throw new IllegalArgumentException("modules depend on each other in a circle: " + path);
        }
        List<String> dependencies = dependenciesOf.apply(name);
        if (dependencies == null) {
            throw new IllegalArgumentException("no kernel module " + name);
        }
        path.add(name);
        for (String dependency : dependencies) {
            visit(dependency, dependenciesOf, ordered, path);
        }
        path.remove(name);
        ordered.add(name);
    }
}
