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
 * What a container sees of the {@link RuntimeImage}, read-only: its {@code usr} folder as {@code
 * /usr}, the top-level {@code /bin}, {@code /lib}... as links into it (the image has the
 * merged-/usr layout whatever the host's), and each entry of its {@code etc} folder in {@code
 * /etc}. Nothing is bound from the host's own folders.
 */
record HostLayout(List<Bind> readOnlyBinds, Map<String, String> symlinks) {

    /** The agent's {@code source} seen at {@code destination} in the container. */
    record Bind(String source, String destination) {}

    /** The layout of the runtime image whose usr folder is {@code imageUsr}. */
    static HostLayout of(Path imageUsr) throws IOException {
        List<Bind> binds = new ArrayList<>(List.of(new Bind(imageUsr.toString(), "/usr")));
        Map<String, String> links = new LinkedHashMap<>();
        for (String name : RuntimeImage.MERGED_TOP_LEVEL) {
            if (Files.isDirectory(imageUsr.resolve(name))) {
                links.put("/" + name, "usr/" + name);
            }
        }
        Path etc = imageUsr.resolveSibling("etc");
        if (Files.isDirectory(etc)) {
            try (Stream<Path> entries = Files.list(etc)) {
                for (Path entry : entries.sorted().toList()) {
                    String destination = "/etc/" + entry.getFileName();
                    if (Files.isSymbolicLink(entry)) {
                        // A bind would follow the link on the host: the container resolves it in the image.
                        links.put(destination, Files.readSymbolicLink(entry).toString());
                    } else {
                        binds.add(new Bind(entry.toString(), destination));
                    }
                }
            }
        }
        return new HostLayout(List.copyOf(binds), Map.copyOf(links));
    }
}
