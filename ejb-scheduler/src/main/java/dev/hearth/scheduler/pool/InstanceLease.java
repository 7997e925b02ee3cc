package dev.hearth.scheduler.pool;

import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * One invocation's hold on what {@link InstancePool#claim} reserved, from the claim until it
 * ends, used with try-with-resources. Closing it gives the instance back: released to wait warm
 * for its owner, forgotten if it turned out {@linkplain #gone() gone}, or, when a cold boot never
 * produced an instance, the reserved slot freed. So every path out of an invocation, exceptions
 * included, leaves the pool as it should.
 */
public final class InstanceLease implements AutoCloseable {

    /** What the lease holds now. */
    private sealed interface Hold {}

    /** A cold start's reserved slot, until the boot ends. */
    private record Reserved(String placeholderId) implements Hold {}

    /** An instance busy for this invocation. */
    private record Held(InstanceSnapshot instance) implements Hold {}

    /** An instance its agent no longer has. */
    private record Gone(InstanceSnapshot instance) implements Hold {}

    private final InstancePool pool;
    private final PlacementRequest request;
    private Hold hold;

    /**
     * @param claim a warm, warming-pool or cold claim made for {@code request}; a rejection
     *     reserved nothing and cannot be leased
     */
    public InstanceLease(InstancePool pool, Claim claim, PlacementRequest request) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.request = Objects.requireNonNull(request, "request");
        PlacementDecision decision = claim.decision();
        if (decision instanceof PlacementDecision.Warm warm) {
            hold = new Held(warm.instance());
        } else if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            hold = new Held(hit.instance());
        } else if (decision instanceof PlacementDecision.Cold) {
            hold = new Reserved(claim.instanceId());
        } else {
            throw new IllegalArgumentException("a rejected claim holds nothing: " + decision);
        }
    }

    /** The cold start's boot produced {@code booted}: the lease now holds it, busy for the request. */
    public void booted(AgentInstance booted, Instant now) {
        if (!(hold instanceof Reserved reserved)) {
            throw new IllegalStateException("only a cold start boots");
        }
        hold = new Held(pool.booted(reserved.placeholderId(), booted, request, now));
    }

    /** The instance this lease holds (once booted, for a cold start). */
    public InstanceSnapshot instance() {
        if (hold instanceof Held held) {
            return held.instance();
        }
        throw new IllegalStateException("the lease holds no instance now");
    }

    /** The agent no longer has the instance: closing forgets it instead of releasing it. */
    public void gone() {
        hold = new Gone(instance());
    }

    @Override
    public void close() {
        if (hold instanceof Reserved reserved) {
            pool.bootFailed(reserved.placeholderId());
        } else if (hold instanceof Gone gone) {
            pool.forget(gone.instance().instanceId());
        } else if (hold instanceof Held held) {
            pool.release(held.instance().instanceId(), Instant.now());
        }
    }
}
