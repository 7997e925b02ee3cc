package dev.hearth.domain.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How many whole days (UTC) of activation records are kept. A record is archived once its day
 * ended more than {@code days} days ago: with 30, today's archive run takes every day before the
 * day 30 days ago; with 0, every day before today.
 */
public record Retention(int days) {

    public static final int MAX_DAYS = 3650;
    public static final Retention DEFAULT = new Retention(30);

    public Retention {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("the retention lies in 0.." + MAX_DAYS + " days");
        }
    }

    /** The first day whose records are kept on {@code today}. */
    public LocalDate firstKeptDay(LocalDate today) {
        return today.minusDays(days);
    }

    /** The instant before which records are past the retention on {@code today}: they are archived. */
    public Instant archivedBefore(LocalDate today) {
        return firstKeptDay(today).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
