package dev.hearth.domain.schedule;

import dev.hearth.domain.rules.Limits;
import dev.hearth.domain.rules.NameRule;
import java.time.Month;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Parses a standard five-field cron expression (minute hour day-of-month month day-of-week) in a
 * time zone. Each field is a list of items separated by commas; an item is {@code *}, a value, or a
 * range {@code a-b}, each optionally followed by a step {@code /n} ({@code a/n} runs from a to the
 * field's end). Months and days of the week also take English three-letter names ({@code JAN},
 * {@code MON}), in any case; 0 and 7 are both Sunday.
 */
public final class ScheduleRules {

    /** The zone a schedule runs in when it names none. */
    public static final String DEFAULT_TIMEZONE = "UTC";

    private ScheduleRules() {}

    /** Problems with a schedule's name, empty when it is acceptable. */
    public static List<String> nameProblems(String name) {
        if (!NameRule.SCHEDULE.accepts(name)) {
            return List.of("schedule name '" + name + "' must match " + NameRule.SCHEDULE.pattern() + " ("
                    + NameRule.SCHEDULE.inWords() + ")");
        }
        return List.of();
    }

    /**
     * @param timezone an IANA time-zone name such as {@code Europe/Berlin}; null or blank for UTC
     */
    public static ScheduleVerdict parse(String cron, String timezone) {
        Optional<ZoneId> zone = zone(timezone);
        if (zone.isEmpty()) {
            return new ScheduleVerdict.Rejected("unknown time zone '" + timezone
                    + "': use an IANA time-zone name such as Europe/Berlin or America/New_York, or UTC");
        }
        if (cron == null || cron.isBlank()) {
            return new ScheduleVerdict.Rejected("the schedule needs a \"cron\" expression, e.g. \"*/5 * * * *\"");
        }
        if (cron.length() > Limits.MAX_CRON_CHARS) {
            return new ScheduleVerdict.Rejected(
                    "a cron expression holds at most " + Limits.MAX_CRON_CHARS + " characters");
        }
        String[] fields = cron.strip().split("\\s+");
        if (fields.length != CronField.values().length) {
            return new ScheduleVerdict.Rejected("a cron expression has 5 fields (minute hour day-of-month month"
                    + " day-of-week), '" + cron + "' has " + fields.length);
        }
        try {
            long[] sets = new long[fields.length];
            for (CronField field : CronField.values()) {
                sets[field.ordinal()] = field(field, fields[field.ordinal()]);
            }
            CronSchedule schedule = new CronSchedule(
                    cron.strip(),
                    zone.get(),
                    sets[CronField.MINUTE.ordinal()],
                    sets[CronField.HOUR.ordinal()],
                    sets[CronField.DAY_OF_MONTH.ordinal()],
                    sets[CronField.MONTH.ordinal()],
                    sets[CronField.DAY_OF_WEEK.ordinal()]);
            requireSomeDay(schedule);
            return new ScheduleVerdict.Accepted(schedule);
        } catch (CronParseException e) {
            return new ScheduleVerdict.Rejected(e.getMessage());
        }
    }

    private static Optional<ZoneId> zone(String timezone) {
        String id = timezone == null || timezone.isBlank() ? DEFAULT_TIMEZONE : timezone;
        // Region names only: an offset such as +02:00 is no zone a calendar timer knows.
        return ZoneId.getAvailableZoneIds().contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }

    private static long field(CronField field, String text) throws CronParseException {
        long set = 0;
        for (String item : text.split(",", -1)) {
            set |= item(field, item, text);
        }
        return set;
    }

    private static long item(CronField field, String item, String whole) throws CronParseException {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String stepText = item.substring(slash + 1);
            if (!stepText.matches("[0-9]{1,2}") || Integer.parseInt(stepText) == 0) {
                throw problem(field, whole, "the step '" + stepText + "' must be a number from 1 to " + field.max());
            }
            step = Integer.parseInt(stepText);
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = field.min();
            to = field == CronField.DAY_OF_WEEK ? 6 : field.max();
        } else {
            int dash = range.indexOf('-');
            from = value(field, dash < 0 ? range : range.substring(0, dash), whole);
            if (dash >= 0) {
                to = value(field, range.substring(dash + 1), whole);
                if (to < from) {
                    throw problem(field, whole, "the range '" + range + "' ends before it starts");
                }
            } else {
                to = slash >= 0 ? field.max() : from;
            }
        }
        long set = 0;
        for (int v = from; v <= to; v += step) {
            set |= 1L << field.fold(v);
        }
        return set;
    }

    private static int value(CronField field, String text, String whole) throws CronParseException {
        int value = field.value(text);
        if (value < field.min() || value > field.max()) {
            throw problem(
                    field,
                    whole,
                    "'" + text + "' is not a value from " + field.min() + " to " + field.max()
                            + (field == CronField.MONTH ? " or JAN-DEC" : "")
                            + (field == CronField.DAY_OF_WEEK ? " or SUN-SAT" : ""));
        }
        return value;
    }

    /** Day-of-month alone (day-of-week *) must name a day that some month of the expression has. */
    private static void requireSomeDay(CronSchedule schedule) throws CronParseException {
        if (schedule.daysOfWeek() != CronField.DAY_OF_WEEK.allValues()
                && schedule.daysOfMonth() != CronField.DAY_OF_MONTH.allValues()) {
            return;
        }
        for (Month month : Month.values()) {
            long days = (1L << (month.maxLength() + 1)) - 2; // bits 1..maxLength
            if ((schedule.months() & (1L << month.getValue())) != 0 && (schedule.daysOfMonth() & days) != 0) {
                return;
            }
        }
        throw new CronParseException(
                "'" + schedule.expression() + "' never runs: no month it names has a day" + " of the month it names");
    }

    private static CronParseException problem(CronField field, String text, String why) {
        return new CronParseException("the " + field.label() + " field '" + text + "' is not valid: " + why);
    }
}
