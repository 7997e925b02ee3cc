package dev.hearth.domain.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a member brings its schedule timers in line with the table of schedules: one timer per
 * schedule at its current revision. Timers of other members are theirs to keep.
 *
 * @param cancel this member's timers of deleted schedules, of an older revision, and duplicates
 * @param create the timers this member lacks
 */
public record TimerPlan(List<ScheduleTimer> cancel, List<ScheduleTimer> create) {

    public TimerPlan {
        cancel = List.copyOf(cancel);
        create = List.copyOf(create);
    }

    /**
     * @param wanted each schedule's id with its current revision
     * @param existing the schedule timers the timer service lists (any member's)
     */
    public static TimerPlan of(String member, Map<String, Integer> wanted, Collection<ScheduleTimer> existing) {
        List<ScheduleTimer> cancel = new ArrayList<>();
        Set<ScheduleTimer> kept = new HashSet<>();
        for (ScheduleTimer timer : existing) {
            if (!timer.member().equals(member)) {
                continue;
            }
            boolean current = Integer.valueOf(timer.revision()).equals(wanted.get(timer.scheduleId()));
            if (!current || !kept.add(timer)) {
                cancel.add(timer);
            }
        }
        List<ScheduleTimer> create = new ArrayList<>();
        wanted.forEach((id, revision) -> {
            ScheduleTimer timer = new ScheduleTimer(id, revision, member);
            if (!kept.contains(timer)) {
                create.add(timer);
            }
        });
        return new TimerPlan(cancel, create);
    }
}
