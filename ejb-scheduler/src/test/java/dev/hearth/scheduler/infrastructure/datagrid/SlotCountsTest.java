package dev.hearth.scheduler.infrastructure.datagrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotCountsTest {

    @Test
    void aSlotIsTakenWhileTheLiveMembersAreUnderTheLimit() {
        assertEquals(Optional.of("a=1"), SlotCounts.take(null, "a", Set.of("a", "b"), 2));
        assertEquals(Optional.of("a=2,b=1"), SlotCounts.take("a=1,b=1", "a", Set.of("a", "b"), 3));
        assertEquals(Optional.empty(), SlotCounts.take("a=1,b=1", "a", Set.of("a", "b"), 2));
    }

    @Test
    void theSlotsOfAMemberThatLeftAreNotCountedAndAreDropped() {
        assertEquals(Optional.of("b=1,c=1"), SlotCounts.take("a=5,c=1", "b", Set.of("b", "c"), 2));
    }

    @Test
    void theSameCountsAlwaysReadTheSame() {
        assertEquals(
                SlotCounts.take("b=1", "a", Set.of("a", "b"), 5), SlotCounts.take("b=1", "a", Set.of("b", "a"), 5));
        assertEquals(Optional.of("a=1,b=1"), SlotCounts.take("b=1", "a", Set.of("a", "b"), 5));
    }

    @Test
    void givingBackCountsDownAndEmptiesToNothing() {
        assertEquals("a=1,b=1", SlotCounts.giveBack("a=2,b=1", "a"));
        assertEquals("b=1", SlotCounts.giveBack("a=1,b=1", "a"));
        assertEquals("", SlotCounts.giveBack("a=1", "a"));
        assertEquals("b=1", SlotCounts.giveBack("b=1", "a"));
    }
}
