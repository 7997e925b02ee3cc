package dev.hearth.scheduler.application;

import dev.hearth.domain.schedule.FiringDecision;
import dev.hearth.domain.schedule.ScheduleFiring;
import dev.hearth.domain.schedule.ScheduleTimer;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionScheduleEntity;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule's timer fired: decides the slot ({@link ScheduleFiring}), claims it in the table (one
 * firing in the cluster wins it) and queues the run as an async invocation by the function's owner,
 * with no token (ADR 30). The idempotency key names schedule and slot: the async side's 24-hour
 * dedupe is a second guard against running a slot twice.
 */
@ApplicationScoped
public class ScheduleRuns {

    @Inject
    ScheduleRepository schedules;

    @Inject
    FunctionRepository functions;

    @Inject
    AsyncInvocationService async;

    public ScheduleRun fire(ScheduleTimer timer, Instant now) {
        Optional<FunctionScheduleEntity> found =
                schedules.byId(timer.scheduleId()).filter(s -> s.revision() == timer.revision());
        if (found.isEmpty()) {
            return new ScheduleRun.Stale();
        }
        FunctionScheduleEntity schedule = found.get();
        FiringDecision decision = ScheduleFiring.decide(
                DefaultScheduleService.cron(schedule), schedule.since(), schedule.lastSlot(), now);
        if (decision instanceof FiringDecision.NothingDue) {
            return new ScheduleRun.NothingDue();
        }
        if (decision instanceof FiringDecision.AlreadyRun already) {
            return new ScheduleRun.AlreadyRun(already.slot());
        }
        Instant slot = ((FiringDecision.Claim) decision).slot();
        if (!schedules.claim(schedule.id(), schedule.revision(), slot)) {
            return new ScheduleRun.AlreadyRun(slot);
        }
        Optional<FunctionEntity> function = functions
                .find(schedule.functionName())
                .filter(f -> f.functionId().equals(schedule.functionId()));
        if (function.isEmpty()) {
            return new ScheduleRun.Stale();
        }
        try {
            InvocationCredentials.requireDeferrable(function.get(), "a schedule");
            AsyncInvocationService.QueuedInvocation queued = async.enqueue(
                    owner(schedule), schedule.functionName(), schedule.event(), idempotencyKey(schedule, slot));
            return new ScheduleRun.Queued(slot, queued.activationId());
        } catch (HearthException e) {
            return new ScheduleRun.Refused(slot, e.getMessage());
        }
    }

    /** The run is the owner's, with the developer role and no token. */
    static Caller owner(FunctionScheduleEntity schedule) {
        return new Caller(schedule.owner(), Set.of(Role.DEVELOPER));
    }

    static String idempotencyKey(FunctionScheduleEntity schedule, Instant slot) {
        return "schedule:" + schedule.id() + ":" + slot.getEpochSecond();
    }
}
