package dev.hearth.scheduler.application;

import dev.hearth.domain.schedule.CronSchedule;
import dev.hearth.domain.schedule.ScheduleTimer;
import dev.hearth.domain.schedule.TimerPlan;
import dev.hearth.persistence.FunctionScheduleEntity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one persistent calendar timer per schedule on this member, in line with the table of
 * schedules: at start, after every change made here, and every minute (a change made through
 * another member, or a timer store that lost its timers when every member of a cluster stopped).
 * A persistent timer fires only on the member that made it (Payara's timer stores, the data grid's
 * included), so every member keeps its own: a schedule keeps running while any member runs, and
 * the claim in the table ({@link ScheduleRuns}) lets one firing per slot run (ADR 32).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduleTimers {

    static final String RECONCILE_TIMER = "hearth-schedules-reconcile";
    static final long RECONCILE_MILLIS = 60_000;
    private static final long FIRST_RECONCILE_MILLIS = 1_000;

    private static final Logger LOG = Logger.getLogger(ScheduleTimers.class.getName());

    private final ReentrantLock reconciling = new ReentrantLock();

    @Resource
    TimerService timers;

    @Resource
    SessionContext context;

    @Inject
    ScheduleRepository schedules;

    @Inject
    ScheduleRuns runs;

    /** This server instance's name: the owner Payara records for the timers it makes. */
    String member = System.getProperty("com.sun.aas.instanceName", "server");

    @PostConstruct
    void start() {
        timers.createIntervalTimer(FIRST_RECONCILE_MILLIS, RECONCILE_MILLIS, new TimerConfig(RECONCILE_TIMER, false));
    }

    /** Once a change to the schedules is committed, this member's timers follow it at once. */
    public void schedulesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SchedulesChanged change) {
        reconcileQuietly();
    }

    @Timeout
    void timeout(Timer timer) {
        try {
            Optional<ScheduleTimer> schedule = ScheduleTimer.of(timer.getInfo());
            if (schedule.isPresent()) {
                fire(timer, schedule.get());
            } else if (RECONCILE_TIMER.equals(timer.getInfo())) {
                self().reconcile();
            }
        } catch (RuntimeException e) {
            // A claimed slot whose run failed to queue is not retried: a slot runs at most once.
            LOG.log(Level.WARNING, "schedule timer " + timer.getInfo() + " failed: " + e, e);
        }
    }

    private void fire(Timer timer, ScheduleTimer schedule) {
        ScheduleRun run = runs.fire(schedule, Instant.now());
        if (run instanceof ScheduleRun.Queued queued) {
            LOG.info(() -> "schedule " + schedule.scheduleId() + " runs slot " + queued.slot() + " as activation "
                    + queued.activationId());
        } else if (run instanceof ScheduleRun.Refused refused) {
            LOG.warning(() ->
                    "schedule " + schedule.scheduleId() + " did not run slot " + refused.slot() + ": " + refused.why());
        } else if (run instanceof ScheduleRun.Stale) {
            self().reconcile();
        }
    }

    private void reconcileQuietly() {
        try {
            self().reconcile();
        } catch (RuntimeException e) {
            // The minute's reconciliation tries again.
            LOG.log(Level.WARNING, "schedule timers not reconciled: " + e, e);
        }
    }

    /**
     * Cancels this member's timers that no schedule wants and makes those it lacks, in a
     * transaction of its own: the data grid's timer store (several members) makes and cancels
     * persistent timers only within one. Called through {@link #self()}, so that it has it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reconcile() {
        reconciling.lock();
        try {
            Map<String, FunctionScheduleEntity> wanted = new HashMap<>();
            Map<String, Integer> revisions = new HashMap<>();
            for (FunctionScheduleEntity schedule : schedules.all()) {
                wanted.put(schedule.id(), schedule);
                revisions.put(schedule.id(), schedule.revision());
            }
            Map<ScheduleTimer, List<Timer>> existing = new HashMap<>();
            List<ScheduleTimer> listed = new ArrayList<>();
            for (Timer timer : timers.getTimers()) {
                ScheduleTimer.of(timer.getInfo()).ifPresent(t -> {
                    listed.add(t);
                    existing.computeIfAbsent(t, k -> new ArrayList<>()).add(timer);
                });
            }
            TimerPlan plan = TimerPlan.of(member, revisions, listed);
            for (ScheduleTimer stale : plan.cancel()) {
                List<Timer> same = existing.get(stale);
                same.remove(same.size() - 1).cancel();
            }
            for (ScheduleTimer missing : plan.create()) {
                CronSchedule cron = DefaultScheduleService.cron(wanted.get(missing.scheduleId()));
                timers.createCalendarTimer(expression(cron), new TimerConfig(missing.info(), true));
            }
        } finally {
            reconciling.unlock();
        }
    }

    private ScheduleTimers self() {
        return context.getBusinessObject(ScheduleTimers.class);
    }

    private static ScheduleExpression expression(CronSchedule cron) {
        CronSchedule.CalendarFields fields = cron.calendarFields();
        return new ScheduleExpression()
                .second(0)
                .minute(fields.minute())
                .hour(fields.hour())
                .dayOfMonth(fields.dayOfMonth())
                .month(fields.month())
                .dayOfWeek(fields.dayOfWeek())
                .year("*")
                .timezone(fields.timezone());
    }
}
