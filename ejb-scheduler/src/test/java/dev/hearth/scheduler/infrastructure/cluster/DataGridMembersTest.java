package dev.hearth.scheduler.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataGridMembersTest {

    private static final UUID ONE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID TWO = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID THREE = UUID.fromString("00000000-0000-0000-0000-000000000003");

    @Test
    void aMemberTheGridDroppedIsNoLongerLive() {
        Map<UUID, String> published = Map.of(ONE, "hearth-1", TWO, "hearth-2", THREE, "hearth-3");

        assertEquals(Set.of("hearth-1", "hearth-3"), DataGridMembers.live(published, Set.of(ONE, THREE), "hearth-1"));
    }

    @Test
    void aRestartedMembersOldEntryDoesNotKeepItsNameAliveButItsNewOneDoes() {
        Map<UUID, String> published = Map.of(ONE, "hearth-1", TWO, "hearth-2", THREE, "hearth-2");

        assertEquals(Set.of("hearth-1"), DataGridMembers.live(published, Set.of(ONE), "hearth-1"));
        assertEquals(Set.of("hearth-1", "hearth-2"), DataGridMembers.live(published, Set.of(ONE, THREE), "hearth-1"));
    }

    @Test
    void thisMemberIsLiveBeforeItsEntryIsSeen() {
        assertEquals(Set.of("hearth-1"), DataGridMembers.live(Map.of(), Set.of(ONE), "hearth-1"));
    }
}
