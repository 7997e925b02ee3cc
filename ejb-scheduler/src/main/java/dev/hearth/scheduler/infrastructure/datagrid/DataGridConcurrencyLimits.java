package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.hearth.scheduler.application.ConcurrencyLimits;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.application.SchedulerSettings;
import dev.hearth.scheduler.application.WaitingConcurrencyLimits;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The concurrency limits counted over every member in a grid map, and the settings an admin
 * changes sent to every member on a grid topic.
 *
 * <p>One entry per function ({@code function:<name>}) and per user ({@code user:<name>}) holds
 * the running count of each member (by its grid UUID) as {@link SlotCounts} text. A slot is taken
 * and given back by compare-and-set on the entry, never by code run on the member that owns it:
 * that member may be Payara's DAS, which holds partitions of the grid but not Hearth's classes
 * (ADR 29). Taking counts only the members alive in the taker's view of the cluster and drops the
 * counts of the others. So the slots of a member that dies are given back as soon as the survivors
 * see it leave (Hazelcast's failure detection, seconds), with no lease to renew on the warm path; a
 * member's UUID is new at each start, so a restarted member never inherits its counts. A
 * function's and a user's slots are two keys: the function's is taken first and given back if the
 * user's cannot be, so a limit is never exceeded (a racing acquire may wait one recheck more than
 * it had to).
 *
 * <p>Waiting is {@link WaitingConcurrencyLimits}': a release on this member wakes its waiters at
 * once, one on another member within the recheck interval.
 */
public class DataGridConcurrencyLimits extends WaitingConcurrencyLimits implements ConcurrencyLimits, AutoCloseable {

    static final String MAP = "hearth.running";
    static final String TOPIC = "hearth.settings";

    private final HazelcastInstance grid;
    private final IMap<String, String> running;
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
        String member = self();
        Set<String> alive = grid.getCluster().getMembers().stream()
                .map(m -> m.getUuid().toString())
                .collect(Collectors.toSet());
        if (!takeSlot(functionKey(functionName), member, alive, limits.maxConcurrentPerFunction())) {
            return false;
        }
        if (!takeSlot(userKey(user), member, alive, limits.maxConcurrentPerUser())) {
            giveBackSlot(functionKey(functionName), member);
            return false;
        }
        return true;
    }

    @Override
    protected void giveBack(String user, String functionName) {
        String member = self();
        giveBackSlot(functionKey(functionName), member);
        giveBackSlot(userKey(user), member);
    }

    /** Stops taking settings from the topic (the application stops; the grid goes on). */
    @Override
    public void close() {
        settingsTopic.removeMessageListener(settingsListener);
    }

    private String self() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }

    private boolean takeSlot(String key, String member, Set<String> alive, int limit) {
        while (true) {
            String counts = running.get(key);
            Optional<String> taken = SlotCounts.take(counts, member, alive, limit);
            if (taken.isEmpty()) {
                return false;
            }
            if (counts == null
                    ? running.putIfAbsent(key, taken.get()) == null
                    : running.replace(key, counts, taken.get())) {
                return true;
            }
        }
    }

    private void giveBackSlot(String key, String member) {
        while (true) {
            String counts = running.get(key);
            if (counts == null) {
                return;
            }
            String left = SlotCounts.giveBack(counts, member);
            if (left.equals(counts)
                    || (left.isEmpty() ? running.remove(key, counts) : running.replace(key, counts, left))) {
                return;
            }
        }
    }

    static String functionKey(String functionName) {
        return "function:" + functionName;
    }

    static String userKey(String user) {
        return "user:" + user;
    }
}
