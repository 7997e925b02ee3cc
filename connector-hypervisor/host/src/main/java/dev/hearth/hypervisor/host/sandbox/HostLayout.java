package dev.hearth.hypervisor.host.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the host's file system that a container sees, read-only: {@code /usr}, the
 * top-level {@code /lib}, {@code /bin}... (symbolic links into {@code /usr} on merged-usr systems,
 * folders elsewhere) and the few files of {@code /etc} that programs need to start.
 */
record HostLayout(List<String> readOnlyBinds, Map<String, String> symlinks) {

    private static final List<String> TOP_LEVEL = List.of("/lib", "/lib32", "/lib64", "/bin", "/sbin");
    private static final List<String> ETC_FILES = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime");

    static HostLayout of(Path root) throws IOException {
        List<String> binds = new ArrayList<>(List.of("/usr"));
        Map<String, String> links = new LinkedHashMap<>();
        for (String name : TOP_LEVEL) {
            Path path = root.resolve(name.substring(1));
            if (Files.isSymbolicLink(path)) {
                links.put(name, Files.readSymbolicLink(path).toString());
            } else if (Files.isDirectory(path)) {
                binds.add(name);
            }
        }
        for (String name : ETC_FILES) {
            if (Files.exists(root.resolve(name.substring(1)))) {
                binds.add(name);
            }
        }
        return new HostLayout(List.copyOf(binds), Map.copyOf(links));
    }
}
