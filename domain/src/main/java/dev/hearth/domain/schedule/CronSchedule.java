package dev.hearth.domain.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A parsed cron expression in its time zone: each field the set of values it matches (bit i set:
 * value i). Run times are local times in the zone. A local time that a daylight-saving change skips
 * runs at the change, once; one that occurs twice runs at its first occurrence. When both
 * day-of-month and day-of-week are restricted (neither matches every value), a day matching either
 * runs, as in cron; otherwise a day must match both.
 *
 * @param expression the expression as the user wrote it
 */
public record CronSchedule(
        String expression, ZoneId zone, long minutes, long hours, long daysOfMonth, long months, long daysOfWeek) {

    /** Far enough to find the next 29 February that is also a given weekday. */
    private static final int MAX_YEARS_AHEAD = 30;

    /**
     * The first run time strictly after {@code after}; empty only if none comes within decades
     * (the parser refuses expressions that never run).
     */
    public Optional<Instant> nextAfter(Instant after) {
        // A day before: a skipped local time of the previous day may resolve after "after".
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = day.plusYears(MAX_YEARS_AHEAD);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!runsOn(day)) {
                continue;
            }
            for (int hour = 0; hour < 24; hour++) {
                if (!has(hours, hour)) {
                    continue;
                }
                for (int minute = 0; minute < 60; minute++) {
                    if (has(minutes, minute)) {
                        Instant run = resolve(day.atTime(hour, minute));
                        if (run.isAfter(after)) {
                            return Optional.of(run);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The latest run time at or before {@code at} and not before {@code notBefore}, if any. */
    public Optional<Instant> latestBetween(Instant notBefore, Instant at) {
        if (at.isBefore(notBefore)) {
            return Optional.empty();
        }
        // A day after: a local time of the next day never resolves before at, but costs nothing to try.
        LocalDate day = at.atZone(zone).toLocalDate().plusDays(1);
        LocalDate first = notBefore.atZone(zone).toLocalDate().minusDays(1);
        for (; !day.isBefore(first); day = day.minusDays(1)) {
            if (!runsOn(day)) {
                continue;
            }
            for (int hour = 23; hour >= 0; hour--) {
                if (!has(hours, hour)) {
                    continue;
                }
                for (int minute = 59; minute >= 0; minute--) {
                    if (has(minutes, minute)) {
                        Instant run = resolve(day.atTime(hour, minute));
                        if (!run.isAfter(at)) {
                            return run.isBefore(notBefore) ? Optional.empty() : Optional.of(run);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The fields as a Jakarta EE calendar timer takes them: explicit value lists, {@code *} for every value. */
    public CalendarFields calendarFields() {
        return new CalendarFields(
                render(minutes, CronField.MINUTE),
                render(hours, CronField.HOUR),
                render(daysOfMonth, CronField.DAY_OF_MONTH),
                render(months, CronField.MONTH),
                render(daysOfWeek, CronField.DAY_OF_WEEK),
                zone.getId());
    }

    /**
     * What {@code jakarta.ejb.ScheduleExpression} needs (second 0, any year). Its rule for
     * day-of-month with day-of-week is cron's: either matches when both are not {@code *}.
     */
    public record CalendarFields(
            String minute, String hour, String dayOfMonth, String month, String dayOfWeek, String timezone) {}

    boolean runsOn(LocalDate day) {
        if (!has(months, day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = has(daysOfMonth, day.getDayOfMonth());
        boolean dayOfWeek = has(
                daysOfWeek,
                day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        boolean bothRestricted =
                daysOfMonth != CronField.DAY_OF_MONTH.allValues() && daysOfWeek != CronField.DAY_OF_WEEK.allValues();
        return bothRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    /** A skipped local time is the end of the gap; a repeated one its earlier occurrence. */
    private Instant resolve(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static boolean has(long set, int value) {
        return (set & (1L << value)) != 0;
    }

    private static String render(long set, CronField field) {
        if (set == field.allValues()) {
            return "*";
        }
        StringJoiner values = new StringJoiner(",");
        for (int v = field.min(); v <= field.max(); v++) {
            if (has(set, v)) {
                values.add(Integer.toString(v));
            }
        }
        return values.toString();
    }
}
