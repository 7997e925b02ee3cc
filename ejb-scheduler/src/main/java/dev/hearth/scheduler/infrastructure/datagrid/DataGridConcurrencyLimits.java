package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.hearth.scheduler.application.ConcurrencyLimits;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.application.SchedulerSettings;
import dev.hearth.scheduler.application.WaitingConcurrencyLimits;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The concurrency limits counted over every member in a grid map, and the settings an admin
 * changes sent to every member on a grid topic.
 *
 * <p>One entry per function ({@code function:<name>}) and per user ({@code user:<name>}) holds
 * the running count of each member (by its grid UUID). A slot is taken and given back by an entry
 * processor on the member that owns the key: taking counts only the members alive in the taker's
 * view of the cluster and drops the counts of the others. So the slots of a member that dies are
 * given back as soon as the survivors see it leave (Hazelcast's failure detection, seconds), with
 * no lease to renew on the warm path; a member's UUID is new at each start, so a restarted member
 * never inherits its counts. A function's and a user's slots are two keys: the function's is taken
 * first and given back if the user's cannot be, so a limit is never exceeded (a racing acquire may
 * wait one recheck more than it had to).
 *
 * <p>Waiting is {@link WaitingConcurrencyLimits}': a release on this member wakes its waiters at
 * once, one on another member within the recheck interval.
 */
public class DataGridConcurrencyLimits extends WaitingConcurrencyLimits implements ConcurrencyLimits, AutoCloseable {

    static final String MAP = "hearth.running";
    static final String TOPIC = "hearth.settings";

    private final HazelcastInstance grid;
    private final IMap<String, HashMap<String, Integer>> running;
    private final ITopic<SchedulerSettings> settingsTopic;
    private final UUID settingsListener;

    public DataGridConcurrencyLimits(HazelcastInstance grid, SchedulerSettings initial, SchedulerMetrics metrics) {
        super(initial, metrics);
        this.grid = grid;
        this.running = grid.getMap(MAP);
        this.settingsTopic = grid.getTopic(TOPIC);
        this.settingsListener = settingsTopic.addMessageListener(message -> apply(message.getMessageObject()));
    }

    @Override
    public void applyOnEveryMember(SchedulerSettings changed) {
        apply(changed);
        settingsTopic.publish(changed);
    }

    @Override
    protected boolean tryTake(String user, String functionName, SchedulerSettings limits) {
        String member = grid.getCluster().getLocalMember().getUuid().toString();
        HashSet<String> alive = grid.getCluster().getMembers().stream()
                .map(m -> m.getUuid().toString())
                .collect(Collectors.toCollection(HashSet::new));
        if (!running.executeOnKey(
                functionKey(functionName), new TakeSlot(member, alive, limits.maxConcurrentPerFunction()))) {
            return false;
        }
        if (!running.executeOnKey(userKey(user), new TakeSlot(member, alive, limits.maxConcurrentPerUser()))) {
            running.executeOnKey(functionKey(functionName), new ReturnSlot(member));
            return false;
        }
        return true;
    }

    @Override
    protected void giveBack(String user, String functionName) {
        String member = grid.getCluster().getLocalMember().getUuid().toString();
        running.executeOnKey(functionKey(functionName), new ReturnSlot(member));
        running.executeOnKey(userKey(user), new ReturnSlot(member));
    }

    /** Stops taking settings from the topic (the application stops; the grid goes on). */
    @Override
    public void close() {
        settingsTopic.removeMessageListener(settingsListener);
    }

    private static String functionKey(String functionName) {
        return "function:" + functionName;
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    /**
     * Takes one slot for {@code member} when the counts of the {@code alive} members are under
     * {@code limit}; drops the counts of the members that are gone.
     */
    record TakeSlot(String member, HashSet<String> alive, int limit)
            implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> counts = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            Set<String> gone = new HashSet<>(counts.keySet());
            gone.removeAll(alive);
            counts.keySet().removeAll(gone);
            int taken = counts.values().stream().mapToInt(Integer::intValue).sum();
            boolean free = taken < limit;
            if (free) {
                counts.merge(member, 1, Integer::sum);
            }
            if (free || !gone.isEmpty()) {
                entry.setValue(counts.isEmpty() ? null : counts);
            }
            return free;
        }
    }

    /** Gives back one slot of {@code member}. */
    record ReturnSlot(String member) implements EntryProcessor<String, HashMap<String, Integer>, Void> {

        @Override
        public Void process(Map.Entry<String, HashMap<String, Integer>> entry) {
            HashMap<String, Integer> counts = entry.getValue();
            if (counts != null) {
                counts.computeIfPresent(member, (m, n) -> n > 1 ? n - 1 : null);
                entry.setValue(counts.isEmpty() ? null : counts);
            }
            return null;
        }
    }
}
