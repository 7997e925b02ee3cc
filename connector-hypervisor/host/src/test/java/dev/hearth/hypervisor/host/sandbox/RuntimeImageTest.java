package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeImageTest {

    @Test
    void placesTheHostsPathsInTheMergedUsrLayout() {
        assertEquals(Optional.of(Path.of("bin/python3")), RuntimeImage.imagePath(Path.of("/usr/bin/python3")));
        assertEquals(
                Optional.of(Path.of("lib/x86_64-linux-gnu/libc.so.6")),
                RuntimeImage.imagePath(Path.of("/lib/x86_64-linux-gnu/libc.so.6")));
        assertEquals(Optional.empty(), RuntimeImage.imagePath(Path.of("/etc/alternatives/java")));
        assertEquals(Optional.empty(), RuntimeImage.imagePath(Path.of("/usr")));
    }

    /** Built from this host: the runtimes and their libraries, none of the host's other programs. */
    @Test
    void holdsTheRuntimesAndNotTheRestOfTheHostAndIsReusedUnchanged(@TempDir Path state) throws Exception {
        Path usr = RuntimeImage.prepare(state);

        for (String program : new String[] {"bin/python3", "bin/bash", "bin/sh", "bin/socat"}) {
            assertTrue(Files.isExecutable(usr.resolve(program)), program);
        }
        assertTrue(
                Files.isRegularFile(usr.resolve("lib/x86_64-linux-gnu/libc.so.6"))
                        || Files.isRegularFile(usr.resolve("lib64/libc.so.6")),
                "libc");
        for (String hostOnly : new String[] {"bin/apt", "bin/dpkg", "bin/sudo", "sbin", "share/doc"}) {
            if (Files.exists(Path.of("/usr", hostOnly))) {
                assertFalse(Files.exists(usr.resolve(hostOnly)), hostOnly);
            }
        }
        long built = Files.getLastModifiedTime(state.resolve("image/manifest")).toMillis();
        Thread.sleep(20); // a rebuild now would leave a later modification time

        assertEquals(usr, RuntimeImage.prepare(state));
        assertEquals(
                built,
                Files.getLastModifiedTime(state.resolve("image/manifest")).toMillis(),
                "not rebuilt");
    }
}
