package dev.hearth.hypervisor.host.code;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts what a container may see of a code package into the folder it has at {@code /var/task} (a
 * sandbox's bind mount, a VM's share):
 * hard links to the code store's files (as fast for a large package as for a small one; the
 * container reads them through a read-only mount), copies where the two are on different file
 * systems. Only the portion's own folder and the shared ones are put there, at the places they
 * have in the package, so that no container reads another portion's code.
 */
public final class StagedCode {

    private StagedCode() {}

    /**
     * Mirrors {@code folders} of the package {@code from} (relative paths, {@code .} for all of it;
     * already checked to stay inside) into the existing, empty folder {@code to}.
     */
    public static void link(Path from, Path to, List<String> folders) throws IOException {
        for (String folder : folders) {
            Path relative = Path.of(folder).normalize();
            Path target = to.resolve(relative);
            createParents(to, target);
            mirror(from.resolve(relative), target);
        }
    }

    /** The folders between {@code root} and {@code target}, searchable by everyone as the code's are. */
    private static void createParents(Path root, Path target) throws IOException {
        Path relative = root.relativize(target);
        Path current = root;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            current = current.resolve(relative.getName(i).toString());
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                Files.setPosixFilePermissions(current, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** Mirrors the tree {@code from} onto {@code to}; what is there already (a shared folder inside a portion's) stays. */
    private static void mirror(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = source.equals(from)
                        ? to
                        : to.resolve(from.relativize(source).toString());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else {
                    linkOrCopy(source, target);
                }
            }
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
