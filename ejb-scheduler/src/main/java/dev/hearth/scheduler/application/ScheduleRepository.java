package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionScheduleEntity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The functions' schedules: the source of truth for their timers, and where each run time is claimed. */
public interface ScheduleRepository {

    /** The function's schedules, by name. */
    List<FunctionScheduleEntity> of(String functionId);

    Optional<FunctionScheduleEntity> find(String functionId, String scheduleName);

    Optional<FunctionScheduleEntity> byId(String scheduleId);

    /** Every schedule, of every function. */
    List<FunctionScheduleEntity> all();

    void add(FunctionScheduleEntity schedule);

    void remove(FunctionScheduleEntity schedule);

    void removeOfFunction(String functionId);

    /**
     * Claims the run time {@code slot} of the schedule at {@code revision}, in its own transaction:
     * true for the one caller that moves the schedule's last slot forward to it, false for every
     * other (the slot or a later one is claimed, or the schedule changed or is gone).
     */
    boolean claim(String scheduleId, int revision, Instant slot);
}
