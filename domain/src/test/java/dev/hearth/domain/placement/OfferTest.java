package dev.hearth.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferTest {

    private static final HostSnapshot SANDBOX_ONLY =
            new HostSnapshot("local", 16, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX));
    private static final HostSnapshot WITH_VMS =
            new HostSnapshot("kvm", 4, Set.of(Runtime.PYTHON3), Set.of(Isolation.SANDBOX, Isolation.VM));

    @Test
    void aVmIsNotOfferedByHostsWithSandboxesOnly() {
        Offer offer = Offer.of(Runtime.PYTHON3, Isolation.VM, List.of(SANDBOX_ONLY));

        assertEquals(
                "no healthy host offers runtime python3 with isolation vm",
                assertInstanceOf(Offer.NotOffered.class, offer).reason());
        assertInstanceOf(Offer.Offered.class, Offer.of(Runtime.PYTHON3, Isolation.SANDBOX, List.of(SANDBOX_ONLY)));
    }

    @Test
    void onlyHostsThatTakeWorkCount() {
        assertInstanceOf(
                Offer.NotOffered.class,
                Offer.of(Runtime.PYTHON3, Isolation.VM, List.of(SANDBOX_ONLY, WITH_VMS.withDraining(true))));
        assertInstanceOf(Offer.Offered.class, Offer.of(Runtime.PYTHON3, Isolation.VM, List.of(SANDBOX_ONLY, WITH_VMS)));
    }

    @Test
    void withoutAHostThatTakesWorkNothingIsKnown() {
        assertInstanceOf(Offer.NoHost.class, Offer.of(Runtime.PYTHON3, Isolation.VM, List.of()));
        assertInstanceOf(
                Offer.NoHost.class, Offer.of(Runtime.PYTHON3, Isolation.VM, List.of(WITH_VMS.withHealthy(false))));
    }

    @Test
    void placementRefusesWhatNoHostOffersWithTheSameReason() {
        PlacementDecision decision = Placement.select(
                new PlacementRequest("alice", Runtime.PYTHON3, Isolation.VM, "f", "a"),
                new PoolSnapshot(List.of(SANDBOX_ONLY), List.of()));

        PlacementDecision.Reject reject = assertInstanceOf(PlacementDecision.Reject.class, decision);
        assertEquals(PlacementDecision.Reject.Cause.RUNTIME_NOT_OFFERED, reject.cause());
        assertEquals("no healthy host offers runtime python3 with isolation vm", reject.reason());
    }
}
