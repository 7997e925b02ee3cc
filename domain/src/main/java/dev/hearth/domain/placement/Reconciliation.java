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
 *
 * <p>The agent lists every member's instances (ADR 26). A member judges only its own: those it
 * knows, and those the agent's label or else the record says it {@linkplain Membership#holds
 * holds}. Another live member's instances and records are left alone, whether or not that member
 * recorded them yet. The instances of a member that {@linkplain Membership#departed departed} are
 * destroyed and their records deleted, by every member that sees it gone (destroying twice is
 * harmless), so that they never serve again without their member's busy marks.
 */
public final class Reconciliation {

    private Reconciliation() {}

    /**
     * What the database records of one instance on the host.
     *
     * @param member the member that holds it; empty in rows written before instances had one
     * @param asRecorded the instance as the pool takes it back (in the warming pool if unowned,
     *     else idle for its owner); empty when the record cannot be read back (a runtime this
     *     version does not know)
     */
    public record Recorded(String instanceId, Optional<String> member, Optional<InstanceSnapshot> asRecorded) {

        public Recorded {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(asRecorded, "asRecorded");
        }
    }

    /**
     * @param known the pool's instances on the host, booting placeholders included
     * @param knownSinceListing ids of those that became known after the agent was asked: the
     *     listing cannot contain them yet, so their absence proves nothing
     * @param listed what the agent reported (an id listed twice counts as listed first)
     * @param recorded the database's records of instances on the host, every member's
     */
    public static ReconciliationPlan plan(
            Membership members,
            List<InstanceSnapshot> known,
            Set<String> knownSinceListing,
            List<AgentInstance> listed,
            List<Recorded> recorded) {
        Map<String, Recorded> everyRecord = new LinkedHashMap<>();
        recorded.forEach(r -> everyRecord.putIfAbsent(r.instanceId(), r));
        Set<String> knownIds = known.stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());
        Map<String, AgentInstance> listing = new LinkedHashMap<>();
        listed.forEach(i -> listing.putIfAbsent(i.instanceId(), i));
        Map<String, Optional<String>> holders = new LinkedHashMap<>();
        listing.values()
                .forEach(i -> holders.put(
                        i.instanceId(), i.member().or(() -> Optional.ofNullable(everyRecord.get(i.instanceId()))
                                .flatMap(Recorded::member))));

        List<AgentInstance> own = listing.values().stream()
                .filter(i -> knownIds.contains(i.instanceId()) || members.holds(holders.get(i.instanceId())))
                .toList();
        List<String> orphans = listing.values().stream()
                .filter(i -> !knownIds.contains(i.instanceId()) && members.departed(holders.get(i.instanceId())))
                .map(AgentInstance::instanceId)
                .toList();
        List<Recorded> ownRecords = everyRecord.values().stream()
                .filter(r -> members.holds(r.member()))
                .toList();
        List<String> orphanRecords = everyRecord.values().stream()
                .filter(r -> !knownIds.contains(r.instanceId())
                        && members.departed(r.member())
                        && (!listing.containsKey(r.instanceId()) || orphans.contains(r.instanceId())))
                .map(Recorded::instanceId)
                .toList();

        ReconciliationPlan ownPlan = planOwn(known, knownSinceListing, own, ownRecords);
        List<String> deleteRecords = new ArrayList<>(ownPlan.deleteRecords());
        deleteRecords.addAll(orphanRecords);
        List<String> destroy = new ArrayList<>(ownPlan.destroy());
        destroy.addAll(orphans);
        return new ReconciliationPlan(ownPlan.forget(), ownPlan.takeBack(), deleteRecords, destroy);
    }

    /** The plan over this member's own instances and records only. */
    private static ReconciliationPlan planOwn(
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
