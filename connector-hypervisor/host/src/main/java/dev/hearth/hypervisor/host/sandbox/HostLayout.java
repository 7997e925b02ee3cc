package dev.hearth.hypervisor.host.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parts of the host's file system that a container sees, read-only: {@code /usr}, the
 * top-level {@code /lib}, {@code /bin}... (symbolic links into {@code /usr} on merged-usr systems,
 * folders elsewhere), the few files of {@code /etc} that programs need to start (the JDK's
 * configuration and the CA certificates among them), and the host's bash, if any, which becomes
 * the container's {@code /bin/sh}.
 */
record HostLayout(List<String> readOnlyBinds, Map<String, String> symlinks, String bash) {

    private static final List<String> TOP_LEVEL = List.of("/lib", "/lib32", "/lib64", "/bin", "/sbin");
    private static final List<String> ETC_FILES =
            List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl/certs");
    private static final List<String> BASH = List.of("/usr/bin/bash", "/bin/bash");

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
        // Debian's JDKs link their conf/ folder to /etc/java-<version>-openjdk.
        try (Stream<Path> etc = Files.list(root.resolve("etc"))) {
            etc.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("java-[0-9]+-openjdk"))
                    .sorted()
                    .forEach(name -> binds.add("/etc/" + name));
        }
        String bash = BASH.stream()
                .filter(name -> Files.isExecutable(root.resolve(name.substring(1))))
                .findFirst()
                .orElse(null);
        return new HostLayout(List.copyOf(binds), Map.copyOf(links), bash);
    }
}
