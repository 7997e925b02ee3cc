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
 * What a container sees of the host, read-only: the {@link RuntimeImage} as its {@code /usr}, the
 * top-level {@code /bin}, {@code /lib}... as links into it (the image has the merged-/usr layout
 * whatever the host's), and the few files of {@code /etc} that programs need to start (the JDK's
 * configuration, OpenSSL's and the CA certificates among them).
 */
record HostLayout(List<Bind> readOnlyBinds, Map<String, String> symlinks) {

    /** The host's {@code source} seen at {@code destination} in the container. */
    record Bind(String source, String destination) {}

    private static final List<String> ETC_FILES = List.of(
            "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl/certs", "/etc/ssl/openssl.cnf");

    /** The layout of a host whose root is {@code root}, with the runtime image's usr folder {@code imageUsr}. */
    static HostLayout of(Path root, Path imageUsr) throws IOException {
        List<Bind> binds = new ArrayList<>(List.of(new Bind(imageUsr.toString(), "/usr")));
        Map<String, String> links = new LinkedHashMap<>();
        for (String name : RuntimeImage.MERGED_TOP_LEVEL) {
            if (Files.isDirectory(imageUsr.resolve(name))) {
                links.put("/" + name, "usr/" + name);
            }
        }
        for (String name : ETC_FILES) {
            if (Files.exists(root.resolve(name.substring(1)))) {
                binds.add(new Bind(name, name));
            }
        }
        // Debian's JDKs link their conf/ folder to /etc/java-<version>-openjdk.
        try (Stream<Path> etc = Files.list(root.resolve("etc"))) {
            etc.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("java-[0-9]+-openjdk"))
                    .sorted()
                    .forEach(name -> binds.add(new Bind("/etc/" + name, "/etc/" + name)));
        }
        return new HostLayout(List.copyOf(binds), Map.copyOf(links));
    }
}
