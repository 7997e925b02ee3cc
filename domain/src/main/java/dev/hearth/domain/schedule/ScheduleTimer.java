package dev.hearth.domain.schedule;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a schedule's calendar timer carries as its info: the schedule, the revision it was made for,
 * and the member that made it (a timer fires on the member that made it). Kept as text so that any
 * member, and the timer store, can read it without Hearth's classes.
 *
 * @param member the server instance's name ({@code server} for a single Payara)
 */
public record ScheduleTimer(String scheduleId, int revision, String member) {

    private static final String PREFIX = "hearth-schedule:";
    private static final Pattern INFO = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f-]{36}):([0-9]+):(.+)");

    /** The timer's info. */
    public String info() {
        return PREFIX + scheduleId + ":" + revision + ":" + member;
    }

    /** The schedule timer an info names; empty for any other timer's info. */
    public static Optional<ScheduleTimer> of(Object info) {
        if (!(info instanceof String text)) {
            return Optional.empty();
        }
        Matcher matcher = INFO.matcher(text);
        if (!matcher.matches() || matcher.group(2).length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleTimer(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3)));
    }
}
