package dev.hearth.cli.archive;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * What {@code deploy} uploads: a folder zipped as the server expects it ({@code hearth.json} at the
 * root, files with their executable bit), or an archive made elsewhere, sent as it is.
 */
public record FunctionArchive(byte[] bytes, String contentType) {

    public static final String MANIFEST = "hearth.json";

    public static FunctionArchive of(Path path) {
        if (Files.isDirectory(path)) {
            return zip(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CliFailure(ExitCode.USAGE, "no-such-file", path + " is neither a folder nor an archive");
        }
        ArchiveType type = ArchiveType.of(path.getFileName().toString())
                .orElseThrow(() -> new CliFailure(
                        ExitCode.USAGE,
                        "not-an-archive",
                        path + ": give a folder, a .zip, or a .tar.gz (.tgz) archive"));
        return new FunctionArchive(bytes(path), type.mediaType());
    }

    /** The file's bytes; one that cannot be read is a failure. */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "read", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The function name a folder or archive stands for: its file name without the extension. */
    public static String defaultName(Path path) {
        return ArchiveType.stem(path.toAbsolutePath().normalize().getFileName().toString());
    }

    private static FunctionArchive zip(Path folder) {
        if (!Files.isRegularFile(folder.resolve(MANIFEST))) {
            throw new CliFailure(ExitCode.USAGE, "no-manifest", folder + " has no " + MANIFEST);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);
                Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted().toList()) {
                if (path.equals(folder)) {
                    continue;
                }
                String entryName = folder.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)) {
                    // The server takes no links: it would refuse the whole archive.
                    throw new CliFailure(ExitCode.USAGE, "symbolic-link", path + " is a symbolic link");
                }
                boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                ZipArchiveEntry entry = new ZipArchiveEntry(directory ? entryName + "/" : entryName);
                entry.setUnixMode(directory ? 040755 : executable(path) ? 0100755 : 0100644);
                zip.putArchiveEntry(entry);
                if (!directory) {
                    Files.copy(path, zip);
                }
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "zip", "cannot zip " + folder + ": " + e.getMessage());
        }
        return new FunctionArchive(bytes.toByteArray(), ArchiveType.ZIP.mediaType());
    }

    private static boolean executable(Path file) throws IOException {
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                .contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
