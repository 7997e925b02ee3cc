package dev.hearth.domain.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides how the pool aligns one host with what its agent runs (ADR 6). The agent has the last
 * word on what exists: an instance it reports dead is forgotten and destroyed; one the pool knew
 * before the listing that the agent no longer runs is forgotten. A ready instance the pool does
 * not know is taken back as its record says (the host had failed, or the server restarted); one
 * without a record is destroyed, since nobody can tell whom it served, unless a boot on the host
 * is under way (it may be that boot). Records of instances that neither run nor stay known go.
 */
public final class Reconciliation {

    private Reconciliation() {}

    /**
     * What the database records of one instance on the host.
     *
     * @param asRecorded the instance as the pool takes it back (in the warming pool if unowned,
     *     else idle for its owner); empty when the record cannot be read back (a runtime this
     *     version does not know)
     */
    public record Recorded(String instanceId, Optional<InstanceSnapshot> asRecorded) {

        public Recorded {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(asRecorded, "asRecorded");
        }
    }

    /**
     * @param known the pool's instances on the host, booting placeholders included
     * @param knownSinceListing ids of those that became known after the agent was asked: the
     *     listing cannot contain them yet, so their absence proves nothing
     * @param listed what the agent reported (an id listed twice counts as listed first)
     * @param recorded the database's records of instances on the host
     */
    public static ReconciliationPlan plan(
            List<InstanceSnapshot> known,
            Set<String> knownSinceListing,
            List<AgentInstance> listed,
            List<Recorded> recorded) {
        Map<String, AgentInstance> agent = new LinkedHashMap<>();
        listed.forEach(i -> agent.putIfAbsent(i.instanceId(), i));
        Set<String> dead = agent.values().stream()
                .filter(i -> !i.ready())
                .map(AgentInstance::instanceId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> ready = agent.values().stream()
                .filter(AgentInstance::ready)
                .map(AgentInstance::instanceId)
                .toList();

        List<String> forget = known.stream()
                .filter(i -> dead.contains(i.instanceId())
                        || !(i.lifecycle() instanceof InstanceLifecycle.Booting)
                                && !knownSinceListing.contains(i.instanceId())
                                && !ready.contains(i.instanceId()))
                .map(InstanceSnapshot::instanceId)
                .toList();
        List<InstanceSnapshot> kept =
                known.stream().filter(i -> !forget.contains(i.instanceId())).toList();
        Set<String> keptIds = kept.stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());
        boolean booting = kept.stream().anyMatch(i -> i.lifecycle() instanceof InstanceLifecycle.Booting);
        Map<String, Recorded> records = new LinkedHashMap<>();
        recorded.forEach(r -> records.putIfAbsent(r.instanceId(), r));

        List<InstanceSnapshot> takeBack = new ArrayList<>();
        List<String> deleteRecords = new ArrayList<>();
        List<String> destroy = new ArrayList<>(dead);
        for (String id : ready) {
            if (keptIds.contains(id)) {
                continue;
            }
            Optional<InstanceSnapshot> asRecorded =
                    Optional.ofNullable(records.get(id)).flatMap(Recorded::asRecorded);
            if (asRecorded.isPresent()) {
                takeBack.add(asRecorded.get());
            } else if (!booting) {
                destroy.add(id);
                if (records.containsKey(id)) {
                    deleteRecords.add(id);
                }
            }
        }
        records.keySet().stream()
                .filter(id -> !ready.contains(id) && !keptIds.contains(id))
                .forEach(deleteRecords::add);
        return new ReconciliationPlan(forget, takeBack, deleteRecords, destroy);
    }
}
