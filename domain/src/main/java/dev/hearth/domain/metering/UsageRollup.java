package dev.hearth.domain.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

/** Sums activation records into usage per hour, user and function. */
public final class UsageRollup {

    /**
     * How many complete hours back each run recomputes. A record is written when its invocation
     * ends, up to a minute after it started and so maybe after its hour was summed; a run is missed
     * only while no member runs, when no invocation is recorded either. Few, since a function's
     * deletion deletes its records: a recomputed hour loses them.
     */
    public static final int RECOMPUTED_HOURS = 3;

    private UsageRollup() {}

    /**
     * The hours a run at {@code now} recomputes, oldest first: the last {@link #RECOMPUTED_HOURS}
     * complete ones, except those of archived days, whose usage was summed from the whole archive
     * when the day was archived and whose records are gone.
     */
    public static List<Instant> hoursDue(Instant now, Set<LocalDate> archivedDays) {
        long current = Period.HOUR.slotOf(now);
        return LongStream.range(current - RECOMPUTED_HOURS, current)
                .mapToObj(Period.HOUR::startOf)
                .filter(hour -> !archivedDays.contains(LocalDate.ofInstant(hour, ZoneOffset.UTC)))
                .toList();
    }

    /**
     * The usage the records add up to, ordered by hour, user and function. An hour, user and
     * function without records has no entry.
     */
    public static List<HourlyUsage> sum(Collection<MeteredInvocation> records) {
        Map<Key, long[]> sums = new TreeMap<>(Key.ORDER);
        for (MeteredInvocation record : records) {
            Instant hour = Period.HOUR.startOf(Period.HOUR.slotOf(record.startedAt()));
            long[] sum = sums.computeIfAbsent(new Key(hour, record.user(), record.function()), k -> new long[3]);
            sum[0]++;
            sum[1] += record.failed() ? 1 : 0;
            sum[2] = Math.addExact(sum[2], record.megabyteMillis());
        }
        return sums.entrySet().stream()
                .map(e -> new HourlyUsage(
                        e.getKey().hour(),
                        e.getKey().user(),
                        e.getKey().function(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2]))
                .toList();
    }

    private record Key(Instant hour, String user, String function) {
        static final Comparator<Key> ORDER =
                Comparator.comparing(Key::hour).thenComparing(Key::user).thenComparing(Key::function);
    }
}
