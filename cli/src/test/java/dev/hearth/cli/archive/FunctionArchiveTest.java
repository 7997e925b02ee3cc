package dev.hearth.cli.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aFolderIsZippedWithItsManifestAtTheRootAndExecutableBitsKept() throws IOException {
        Path folder = dir.resolve("hello-bash");
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("hearth.json"), "{}");
        Files.writeString(folder.resolve("bootstrap"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(folder.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(folder.resolve("lib/util.sh"), "x=1\n");

        FunctionArchive archive = FunctionArchive.of(folder);

        assertEquals("application/zip", archive.contentType());
        Map<String, Integer> modes = new HashMap<>();
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive.bytes()))
                .get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                modes.put(entry.getName(), entry.getUnixMode() & 0777);
            }
        }
        assertEquals(Map.of("hearth.json", 0644, "bootstrap", 0755, "lib/", 0755, "lib/util.sh", 0644), modes);
        assertEquals("hello-bash", FunctionArchive.defaultName(folder));
    }

    @Test
    void aFolderWithoutManifestOrAnUnknownFileIsAUsageError() throws IOException {
        CliFailure noManifest = assertThrows(CliFailure.class, () -> FunctionArchive.of(dir));
        assertEquals(ExitCode.USAGE, noManifest.exitCode());
        assertTrue(noManifest.line().startsWith("error: no-manifest: "), noManifest.line());

        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals(
                ExitCode.USAGE,
                assertThrows(CliFailure.class, () -> FunctionArchive.of(text)).exitCode());
    }

    @Test
    void anArchiveIsSentAsItIs() throws IOException {
        Path archive = Files.write(dir.resolve("hello.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
        FunctionArchive read = FunctionArchive.of(archive);
        assertEquals("application/gzip", read.contentType());
        assertEquals(3, read.bytes().length);
        assertEquals("hello", FunctionArchive.defaultName(archive));
    }
}
