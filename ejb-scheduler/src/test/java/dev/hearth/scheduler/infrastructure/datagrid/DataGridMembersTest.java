package dev.hearth.scheduler.infrastructure.datagrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    void onARealGridEachMemberSeesTheOtherUntilItIsGone() throws InterruptedException {
        try (LoopbackDataGrid grid = new LoopbackDataGrid()) {
            HazelcastInstance first = grid.startMember();
            HazelcastInstance second = grid.startMember();
            DataGridMembers one = DataGridMembers.join(first, "hearth-1");
            DataGridMembers.join(second, "hearth-2");

            assertEquals(Set.of("hearth-1", "hearth-2"), one.liveNames("hearth-1"));

            second.getLifecycleService().terminate();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (one.liveNames("hearth-1").size() > 1 && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            assertEquals(Set.of("hearth-1"), one.liveNames("hearth-1"), "the terminated member left the live set");
        }
    }

    @Test
    void thisMemberIsLiveBeforeItsEntryIsSeen() {
        assertEquals(Set.of("hearth-1"), DataGridMembers.live(Map.of(), Set.of(ONE), "hearth-1"));
    }
}
