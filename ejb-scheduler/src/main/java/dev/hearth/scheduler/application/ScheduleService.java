package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.List;

/**
 * A function's schedules: its owner (or an admin) sets them (a cron expression in a time zone and
 * an event), lists, reads and deletes them. Each run time runs the function once in the cluster,
 * as an async invocation by the owner.
 */
public interface ScheduleService {

    /**
     * @param timezone an IANA zone name, or null for UTC
     * @param event JSON text, or null for {@code {}}
     * @return the schedule, and whether this call created it
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     * @throws HearthException INVALID_SCHEDULE: a bad name, cron expression or zone; too many schedules
     * @throws HearthException INVALID_EVENT: the event is not JSON, or too large
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: the function needs its caller's token (ADR 30)
     */
    Stored put(Caller caller, String functionName, String scheduleName, String cron, String timezone, String event);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage */
    List<ScheduleView> list(Caller caller, String functionName);

    /**
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     * @throws HearthException SCHEDULE_NOT_FOUND: no such schedule
     */
    ScheduleView get(Caller caller, String functionName, String scheduleName);

    /**
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     * @throws HearthException SCHEDULE_NOT_FOUND: no such schedule
     */
    void delete(Caller caller, String functionName, String scheduleName);

    /** A schedule after {@link #put}, and whether this call created it. */
    record Stored(ScheduleView schedule, boolean created) {}
}
