package dev.hearth.domain.placement;

import java.util.List;

/**
 * What {@link Reconciliation#plan} decided for one host: the instances the pool forgets (in
 * memory), the ones it takes back as their records say, the records it deletes, and the
 * instances the agent must destroy.
 */
public record ReconciliationPlan(
        List<String> forget, List<InstanceSnapshot> takeBack, List<String> deleteRecords, List<String> destroy) {

    public ReconciliationPlan {
        forget = List.copyOf(forget);
        takeBack = List.copyOf(takeBack);
        deleteRecords = List.copyOf(deleteRecords);
        destroy = List.copyOf(destroy);
    }
}
