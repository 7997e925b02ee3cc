package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.Collection;

/**
 * Whether any host that takes work now can boot instances of a runtime with an isolation. A
 * function that none offers cannot run until an admin adds such a host, so asking again soon does
 * not help; with no host taking work at all, it may (a host that answers again).
 */
public sealed interface Offer {

    /** At least one placeable host offers both. */
    record Offered() implements Offer {}

    /** Hosts take work, but none offers the runtime with that isolation. */
    record NotOffered(String reason) implements Offer {}

    /** No host takes work now: nothing can be said about what the hosts offer. */
    record NoHost() implements Offer {}

    static Offer of(Runtime runtime, Isolation isolation, Collection<HostSnapshot> hosts) {
        if (hosts.stream().noneMatch(HostSnapshot::placeable)) {
            return new NoHost();
        }
        if (hosts.stream().anyMatch(h -> h.placeable() && h.offers(runtime, isolation))) {
            return new Offered();
        }
        return new NotOffered("no healthy host offers runtime " + runtime.id() + " with isolation " + isolation.id());
    }
}
