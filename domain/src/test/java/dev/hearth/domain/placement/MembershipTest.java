package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.Runtime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MembershipTest {

    private static final List<String> MEMBERS = List.of("m0", "m1", "m2", "m3", "m4");

    @Property
    void theSharesOfAllLiveMembersAddUpToTheHostsCapacity(
            @ForAll("liveSets") Set<String> live,
            @ForAll("hostIds") String hostId,
            @ForAll @IntRange(min = 0, max = 200) int capacity) {
        int total = live.stream()
                .mapToInt(m -> new Membership(m, live).share(hostId, capacity))
                .sum();

        assertEquals(capacity, total);
    }

    @Property
    void sharesDifferByOneSlotAtMost(
            @ForAll("liveSets") Set<String> live,
            @ForAll("hostIds") String hostId,
            @ForAll @IntRange(min = 0, max = 200) int capacity) {
        List<Integer> shares = live.stream()
                .map(m -> new Membership(m, live).share(hostId, capacity))
                .toList();

        assertTrue(shares.stream().mapToInt(i -> i).max().getAsInt()
                        - shares.stream().mapToInt(i -> i).min().getAsInt()
                <= 1);
    }

    @Property
    void aMemberAloneHasTheWholeHost(@ForAll("hostIds") String hostId, @ForAll @IntRange(max = 200) int capacity) {
        assertEquals(capacity, Membership.alone("server").share(hostId, capacity));
    }

    @Property
    void theMembersWarmingPoolsAddUpToTheTarget(
            @ForAll("liveSets") Set<String> live, @ForAll Runtime runtime, @ForAll @IntRange(max = 50) int target) {
        PoolTarget wanted = new PoolTarget(runtime, target, 3);

        int total = live.stream()
                .mapToInt(m -> new Membership(m, live).shareOf(wanted).warmingTarget())
                .sum();

        assertEquals(target, total);
    }

    @Example
    void twoMembersHalveAnEvenHost() {
        Set<String> live = Set.of("hearth-1", "hearth-2");

        assertEquals(40, new Membership("hearth-1", live).share("host-a", 80));
        assertEquals(40, new Membership("hearth-2", live).share("host-a", 80));
    }

    @Example
    void hostsSmallerThanTheMembershipGiveTheirSlotsToDifferentMembers() {
        Set<String> live = Set.of("m0", "m1", "m2");
        List<String> hosts = List.of("h0", "h1", "h2", "h3", "h4", "h5");

        for (String member : live) {
            int slots = hosts.stream()
                    .mapToInt(h -> new Membership(member, live).share(h, 1))
                    .sum();
            assertTrue(slots > 0, member + " gets no slot on any of six one-slot hosts");
        }
    }

    @Example
    void anInstanceIsItsHoldersAndAnUnlabelledOneOnlyAMemberAlonesToJudge() {
        Membership shared = new Membership("m0", Set.of("m0", "m1"));

        assertTrue(shared.holds(Optional.of("m0")));
        assertFalse(shared.holds(Optional.of("m1")));
        assertFalse(shared.holds(Optional.empty()));
        assertTrue(Membership.alone("m0").holds(Optional.empty()));
    }

    @Example
    void onlyAMemberOutsideTheLiveSetHasDeparted() {
        Membership shared = new Membership("m0", Set.of("m0", "m1"));

        assertTrue(shared.departed(Optional.of("m2")));
        assertFalse(shared.departed(Optional.of("m1")));
        assertFalse(shared.departed(Optional.empty()));
    }

    @Example
    void theLiveMembersIncludeThisOne() {
        assertThrows(IllegalArgumentException.class, () -> new Membership("m0", Set.of("m1")));
    }

    @Provide
    Arbitrary<Set<String>> liveSets() {
        return Arbitraries.subsetOf(MEMBERS).ofMinSize(1);
    }

    @Provide
    Arbitrary<String> hostIds() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('-')
                .ofMinLength(1)
                .ofMaxLength(12);
    }
}
