package dev.hearth.scheduler.infrastructure.datagrid;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The running counts of one limit, per member, as the grid holds them: text such as {@code
 * 3f2c…=2,9a1b…=1}, members sorted. Plain text, so that any grid member can own the entry (Payara's
 * DAS holds partitions but not Hearth's classes) and the same counts always read as the same
 * value, which a compare-and-set needs. No counts at all is no entry.
 */
final class SlotCounts {

    private SlotCounts() {}

    /**
     * The counts with one more slot of {@code member}, when the slots of the {@code alive} members
     * are under {@code limit}; the counts of members that are gone are dropped. Empty: no free slot.
     */
    static Optional<String> take(String counts, String member, Set<String> alive, int limit) {
        Map<String, Integer> running = parse(counts);
        running.keySet().retainAll(alive);
        if (running.values().stream().mapToInt(Integer::intValue).sum() >= limit) {
            return Optional.empty();
        }
        running.merge(member, 1, Integer::sum);
        return Optional.of(format(running));
    }

    /** The counts with one slot of {@code member} fewer; empty text when none is left. */
    static String giveBack(String counts, String member) {
        Map<String, Integer> running = parse(counts);
        running.computeIfPresent(member, (m, n) -> n > 1 ? n - 1 : null);
        return format(running);
    }

    private static Map<String, Integer> parse(String counts) {
        Map<String, Integer> running = new TreeMap<>();
        if (counts != null && !counts.isEmpty()) {
            for (String slot : counts.split(",")) {
                int equals = slot.lastIndexOf('=');
                running.put(slot.substring(0, equals), Integer.parseInt(slot.substring(equals + 1)));
            }
        }
        return running;
    }

    private static String format(Map<String, Integer> running) {
        return running.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
