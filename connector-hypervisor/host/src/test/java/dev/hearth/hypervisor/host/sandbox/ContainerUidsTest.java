package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.hypervisor.host.sandbox.ContainerUids.Format;
import dev.hearth.hypervisor.host.sandbox.ContainerUids.IdFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check at the agent's start: the containers' uids belong to no one on the host. */
class ContainerUidsTest {

    private static final String PASSWD =
            """
            root:x:0:0:root:/root:/bin/bash
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            alice:x:1000:1000:Alice:/home/alice:/bin/bash
            """;

    @Test
    void aRangeOfNoUserOrSubordinateRangeIsFine() {
        List<IdFile> host = List.of(
                new IdFile("/etc/passwd", Format.ACCOUNTS, PASSWD),
                new IdFile("/etc/subuid", Format.SUBORDINATE, "alice:100000:65536\n"));

        assertEquals(Optional.empty(), ContainerUids.DEFAULT.conflict(host));
    }

    @Test
    void aUserInTheRangeIsRefusedInOneLine() {
        List<IdFile> host =
                List.of(new IdFile("/etc/passwd", Format.ACCOUNTS, PASSWD + "svc:x:200100:200100::/:/bin/false\n"));

        assertEquals(
                Optional.of("the container uids 200000-265535 include id 200100 of 'svc' in /etc/passwd:"
                        + " choose others with --container-uids"),
                ContainerUids.DEFAULT.conflict(host));
    }

    @Test
    void aGroupInTheRangeIsRefused() {
        List<IdFile> host = List.of(new IdFile("/etc/group", Format.ACCOUNTS, "staff:x:265535:\n"));

        assertEquals(
                Optional.of("the container uids 200000-265535 include id 265535 of 'staff' in /etc/group:"
                        + " choose others with --container-uids"),
                ContainerUids.DEFAULT.conflict(host));
    }

    @Test
    void aSubordinateRangeThatOverlapsEitherEndIsRefused() {
        // Debian's useradd gives the third user 231072-296607: it overlaps the default's end.
        List<IdFile> host = List.of(new IdFile(
                "/etc/subuid", Format.SUBORDINATE, "alice:100000:65536\nbob:165536:65536\ncarol:231072:65536\n"));

        assertEquals(
                Optional.of("the container uids 200000-265535 include the subordinate ids 165536-231071 of 'bob'"
                        + " in /etc/subuid: choose others with --container-uids"),
                ContainerUids.DEFAULT.conflict(host));
        assertEquals(Optional.empty(), new ContainerUids(1_000_000, 1_065_535).conflict(host));
    }

    @Test
    void commentsAndDamagedLinesAreNoIds() {
        List<IdFile> host = List.of(
                new IdFile("/etc/passwd", Format.ACCOUNTS, "# 200001\n\nbroken\nx:y:notanumber\n"),
                new IdFile("/etc/subuid", Format.SUBORDINATE, "# alice:200000:10\nalice:200000\n"));

        assertEquals(Optional.empty(), ContainerUids.DEFAULT.conflict(host));
    }

    @Test
    void readsFirstToLast() {
        assertEquals(new ContainerUids(300_000, 300_015), ContainerUids.parse("300000-300015"));
    }
}
