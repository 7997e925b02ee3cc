package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeImageTest {

    @Test
    void placesTheHostsPathsInTheMergedUsrLayout() {
        assertEquals(Optional.of(Path.of("usr/bin/python3")), RuntimeImage.imagePath(Path.of("/usr/bin/python3")));
        assertEquals(
                Optional.of(Path.of("usr/lib/x86_64-linux-gnu/libc.so.6")),
                RuntimeImage.imagePath(Path.of("/lib/x86_64-linux-gnu/libc.so.6")));
        assertEquals(
                Optional.of(Path.of("etc/alternatives/java")),
                RuntimeImage.imagePath(Path.of("/etc/alternatives/java")));
        assertEquals(Optional.empty(), RuntimeImage.imagePath(Path.of("/usr")));
        assertEquals(Optional.empty(), RuntimeImage.imagePath(Path.of("/var/lib/dpkg/status")));
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
        Path libc = Path.of("/usr/lib/x86_64-linux-gnu");
        for (String loadedByName : new String[] {"gconv/gconv-modules", "ossl-modules/legacy.so"}) {
            if (Files.exists(libc.resolve(loadedByName))) {
                assertTrue(Files.exists(usr.resolve("lib/x86_64-linux-gnu").resolve(loadedByName)), loadedByName);
            }
        }
        Path etc = usr.resolveSibling("etc");
        assertTrue(Files.isRegularFile(etc.resolve("ld.so.cache")), "the loader's cache");
        assertTrue(Files.isRegularFile(etc.resolve("ssl/certs/ca-certificates.crt")), "the CA certificates");
        for (String hostOnly : new String[] {"passwd", "shadow", "hostname", "apt"}) {
            assertFalse(Files.exists(etc.resolve(hostOnly), LinkOption.NOFOLLOW_LINKS), hostOnly);
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
