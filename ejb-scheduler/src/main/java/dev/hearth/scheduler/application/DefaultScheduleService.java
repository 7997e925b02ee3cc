package dev.hearth.scheduler.application;

import dev.hearth.domain.rules.Limits;
import dev.hearth.domain.schedule.CronSchedule;
import dev.hearth.domain.schedule.ScheduleRules;
import dev.hearth.domain.schedule.ScheduleVerdict;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionScheduleEntity;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Schedules stored per function identity; only who may manage the function may touch them. */
@Stateless
public class DefaultScheduleService implements ScheduleService {

    @Inject
    FunctionRepository functions;

    @Inject
    ScheduleRepository schedules;

    @Inject
    Event<SchedulesChanged> changed;

    Clock clock = Clock.systemUTC();

    @Override
    public Stored put(
            Caller caller, String functionName, String scheduleName, String cron, String timezone, String event) {
        FunctionEntity function = managed(caller, functionName);
        List<String> nameProblems = ScheduleRules.nameProblems(scheduleName);
        if (!nameProblems.isEmpty()) {
            throw new HearthException(ProblemType.INVALID_SCHEDULE, nameProblems.get(0));
        }
        ScheduleVerdict verdict = ScheduleRules.parse(cron, timezone);
        if (verdict instanceof ScheduleVerdict.Rejected rejected) {
            throw new HearthException(ProblemType.INVALID_SCHEDULE, rejected.problem());
        }
        CronSchedule parsed = ((ScheduleVerdict.Accepted) verdict).schedule();
        String checkedEvent = DefaultInvocationService.checkedEvent(event);
        InvocationCredentials.requireDeferrable(function, "a schedule");
        String zone = parsed.zone().getId();
        FunctionScheduleEntity schedule =
                schedules.find(function.functionId(), scheduleName).orElse(null);
        boolean created = schedule == null;
        if (created) {
            if (schedules.of(function.functionId()).size() >= Limits.MAX_SCHEDULES_PER_FUNCTION) {
                throw new HearthException(
                        ProblemType.INVALID_SCHEDULE,
                        "function '" + functionName + "' has " + Limits.MAX_SCHEDULES_PER_FUNCTION
                                + " schedules, the most a function may have; delete one first");
            }
            schedule = new FunctionScheduleEntity(
                    UUID.randomUUID().toString(),
                    function.functionId(),
                    function.name(),
                    function.owner(),
                    scheduleName);
            schedules.add(schedule);
        }
        boolean same = !created
                && schedule.cron().equals(parsed.expression())
                && schedule.timezone().equals(zone)
                && Objects.equals(schedule.event(), checkedEvent);
        if (!same) {
            // A change starts the schedule afresh: run times before it never run.
            schedule.set(
                    parsed.expression(),
                    zone,
                    checkedEvent,
                    caller.username(),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            changed.fire(new SchedulesChanged());
        }
        return new Stored(view(schedule, parsed, clock.instant()), created);
    }

    @Override
    public List<ScheduleView> list(Caller caller, String functionName) {
        FunctionEntity function = managed(caller, functionName);
        Instant now = clock.instant();
        return schedules.of(function.functionId()).stream()
                .map(s -> view(s, cron(s), now))
                .toList();
    }

    @Override
    public ScheduleView get(Caller caller, String functionName, String scheduleName) {
        FunctionScheduleEntity schedule = existing(managed(caller, functionName), scheduleName);
        return view(schedule, cron(schedule), clock.instant());
    }

    @Override
    public void delete(Caller caller, String functionName, String scheduleName) {
        schedules.remove(existing(managed(caller, functionName), scheduleName));
        changed.fire(new SchedulesChanged());
    }

    /** The stored schedule's expression; it was accepted when stored. */
    static CronSchedule cron(FunctionScheduleEntity schedule) {
        ScheduleVerdict verdict = ScheduleRules.parse(schedule.cron(), schedule.timezone());
        if (verdict instanceof ScheduleVerdict.Rejected rejected) {
            throw new IllegalStateException(
                    "stored schedule " + schedule.id() + " no longer parses: " + rejected.problem());
        }
        return ((ScheduleVerdict.Accepted) verdict).schedule();
    }

    private FunctionScheduleEntity existing(FunctionEntity function, String scheduleName) {
        return schedules
                .find(function.functionId(), scheduleName)
                .orElseThrow(() -> new HearthException(
                        ProblemType.SCHEDULE_NOT_FOUND,
                        "function '" + function.name() + "' has no schedule '" + scheduleName + "'"));
    }

    private FunctionEntity managed(Caller caller, String functionName) {
        return Access.managedFunction(caller, functionName, functions, "manage schedules");
    }

    private static ScheduleView view(FunctionScheduleEntity schedule, CronSchedule cron, Instant now) {
        return new ScheduleView(
                schedule.functionName(),
                schedule.scheduleName(),
                schedule.cron(),
                schedule.timezone(),
                schedule.event(),
                cron.nextAfter(now).map(DefaultScheduleService::utc).orElse(null),
                schedule.lastSlot().map(DefaultScheduleService::utc).orElse(null),
                schedule.updatedBy(),
                schedule.updatedAt());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
