package dev.hearth.domain.async;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose async events free workers run next: the caller with the fewest events running goes first,
 * the longest waiting among equals, one event per turn; so a caller who queued thousands takes the
 * workers only while no one else waits, and another caller's event waits at most for one run to end.
 */
public final class FairTurns {

    /** A caller with events due now: how many, and since when the oldest has been due. */
    public record Waiting(String caller, long due, long oldestDueAtMillis) {}

    private FairTurns() {}

    /**
     * The callers whose events to run, one entry per event (a caller as often as it gets turns),
     * at most {@code free}.
     *
     * @param running the events running now per caller (callers absent run none)
     */
    public static List<String> next(List<Waiting> waiting, Map<String, Long> running, int free) {
        Map<String, Long> runs = new HashMap<>(running);
        Map<String, Long> left = new HashMap<>();
        waiting.forEach(w -> left.put(w.caller(), w.due()));
        Comparator<Waiting> turn = Comparator.<Waiting>comparingLong(w -> runs.getOrDefault(w.caller(), 0L))
                .thenComparingLong(Waiting::oldestDueAtMillis)
                .thenComparing(Waiting::caller);
        List<String> turns = new ArrayList<>();
        while (turns.size() < free) {
            Waiting next = waiting.stream()
                    .filter(w -> left.get(w.caller()) > 0)
                    .min(turn)
                    .orElse(null);
            if (next == null) {
                break;
            }
            turns.add(next.caller());
            runs.merge(next.caller(), 1L, Long::sum);
            left.merge(next.caller(), -1L, Long::sum);
        }
        return turns;
    }
}
