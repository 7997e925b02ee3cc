package dev.hearth.hypervisor.host.events;

import dev.hearth.hypervisor.host.driver.EventSink;
import dev.hearth.protocol.wire.AgentEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The agent's recent events, in memory, for {@code GET /v1/events}: the last {@link #CAPACITY},
 * numbered in order. Numbering starts at the agent's start time in microseconds, so that the
 * numbers of a restarted agent stay above those a client has already seen.
 */
public final class EventLog implements EventSink {

    static final int CAPACITY = 1000;

    /** The longest a poll may wait for its first event. */
    public static final long MAX_WAIT_MILLIS = 30_000;

    private final String hostId;
    private final Deque<AgentEvent> events = new ArrayDeque<>();
    private long lastSequence;

    public EventLog(String hostId) {
        this.hostId = hostId;
        this.lastSequence = System.currentTimeMillis() * 1000;
    }

    @Override
    public synchronized void publish(String type, String instanceId, String detail) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(new AgentEvent(++lastSequence, type, hostId, instanceId, detail, System.currentTimeMillis()));
        notifyAll();
    }

    /**
     * The events numbered above {@code after}, waiting up to {@code waitMillis} (at most {@link
     * #MAX_WAIT_MILLIS}) until there is one; empty when none came.
     */
    public synchronized List<AgentEvent> after(long after, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(Math.max(waitMillis, 0), MAX_WAIT_MILLIS) * 1_000_000;
        long remaining;
        while ((events.isEmpty() || lastSequence <= after) && (remaining = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, remaining / 1_000_000));
        }
        return events.stream().filter(e -> e.sequence() > after).toList();
    }
}
