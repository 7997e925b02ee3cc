package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Usage per hour for its users and a billing service, the last hour's traffic for the console's
 * charts; the instances over the last hour, the pools' hit rates, the activation archives and the
 * metering jobs for admins.
 */
public interface MeteringService {

    /** The longest span one usage query covers. */
    int MAX_USAGE_QUERY_DAYS = 93;

    /**
     * Usage of the complete hours in [{@code from}, {@code to}), oldest first: the caller's own,
     * or for an admin everyone's or that of {@code user}.
     */
    List<UsageView> usage(Caller caller, Instant from, Instant to, Optional<String> user);

    /**
     * The invocations of the hour before {@code to}, per minute: of the caller's functions, or for
     * an admin of all.
     */
    TrafficView lastHour(Caller caller, Instant to);

    /** What every member's instances were doing in the hour before {@code to}, per minute (admins). */
    OccupancyView occupancyLastHour(Caller caller, Instant to);

    /**
     * How the invocations of the hour before {@code to} found their instance, per runtime of their
     * function, by runtime id (admins).
     */
    List<PoolStartsView> startsLastHour(Caller caller, Instant to);

    List<ArchiveSummary> archives(Caller caller);

    /** The day's archive as its format wrote it. */
    byte[] archive(Caller caller, LocalDate day);

    /** The media type of archives. */
    String archiveMediaType();

    /** The name a downloaded archive of the day is saved under. */
    String archiveFileName(LocalDate day);

    /** How many days activation records are kept before they are archived. */
    int retentionDays(Caller caller);

    /** Sets the retention, 0 (every day before today is archived) to 3650 days; the retention now. */
    int changeRetentionDays(Caller caller, int days);

    /** Starts the job now on this member, whoever ran it last; the execution's id. */
    long runNow(Caller caller, MeteringJob job);

    /** The state of one of the job's executions on this member. */
    String status(Caller caller, MeteringJob job, long executionId);
}
