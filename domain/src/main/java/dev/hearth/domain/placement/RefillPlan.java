package dev.hearth.domain.placement;

import dev.hearth.domain.function.Runtime;
import java.util.List;

/**
 * What {@link Refill#plan} decided: warming-pool instances to boot, and surplus ones to destroy
 * (after an admin lowered a target, or on a host being drained). {@code shortfall} counts the
 * instances that could not be booted because every host that could take them was full.
 */
public record RefillPlan(List<Boot> boots, List<InstanceSnapshot> retire, int shortfall) {

    public RefillPlan {
        boots = List.copyOf(boots);
        retire = List.copyOf(retire);
    }

    /** Boot one warming-pool instance of {@code runtime} on {@code hostId}. */
    public record Boot(String hostId, Runtime runtime) {}
}
