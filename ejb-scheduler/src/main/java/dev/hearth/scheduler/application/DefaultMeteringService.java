package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.Occupancy;
import dev.hearth.domain.metering.Retention;
import dev.hearth.domain.metering.StartKinds;
import dev.hearth.domain.metering.Traffic;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Checks who asks and what, then reads the usage, traffic, occupancy and archives or starts a job. */
@Stateless
public class DefaultMeteringService implements MeteringService {

    /** The last hour's traffic is counted per minute. */
    static final Duration TRAFFIC_SLICE = Duration.ofMinutes(1);

    static final int TRAFFIC_SLICES = 60;

    @Inject
    UsageRepository usage;

    @Inject
    ActivationHistory history;

    @Inject
    OccupancyRepository occupancy;

    @Inject
    ActivationArchiveRepository archives;

    @Inject
    ActivationArchiveFormat format;

    @Inject
    RetentionSettingsRepository settings;

    @Inject
    JobLauncher launcher;

    @Override
    public List<UsageView> usage(Caller caller, Instant from, Instant to, Optional<String> user) {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(MAX_USAGE_QUERY_DAYS)) > 0) {
            throw new HearthException(
                    ProblemType.INVALID_REQUEST,
                    "from must lie before to, at most " + MAX_USAGE_QUERY_DAYS + " days before it");
        }
        if (!caller.isAdmin() && user.isPresent() && !user.get().equals(caller.username())) {
            throw new HearthException(ProblemType.ACCESS_DENIED, "only admins read other users' usage");
        }
        Optional<String> whose = caller.isAdmin() ? user : Optional.of(caller.username());
        return usage.between(from, to, whose).stream().map(UsageView::of).toList();
    }

    @Override
    public TrafficView lastHour(Caller caller, Instant to) {
        Optional<String> owner = caller.isAdmin() ? Optional.empty() : Optional.of(caller.username());
        return TrafficView.of(
                Traffic.of(history.timedBetween(hourBefore(to), to, owner), to, TRAFFIC_SLICE, TRAFFIC_SLICES));
    }

    @Override
    public OccupancyView occupancyLastHour(Caller caller, Instant to) {
        requireAdmin(caller);
        return OccupancyView.of(Occupancy.of(occupancy.between(hourBefore(to), to), to, TRAFFIC_SLICE, TRAFFIC_SLICES));
    }

    @Override
    public List<PoolStartsView> startsLastHour(Caller caller, Instant to) {
        requireAdmin(caller);
        return history.startKindsByRuntime(hourBefore(to), to).entrySet().stream()
                .map(runtime -> PoolStartsView.of(runtime.getKey(), StartKinds.of(runtime.getValue())))
                .toList();
    }

    private static Instant hourBefore(Instant to) {
        return to.minus(TRAFFIC_SLICE.multipliedBy(TRAFFIC_SLICES));
    }

    @Override
    public List<ArchiveSummary> archives(Caller caller) {
        requireAdmin(caller);
        return archives.summaries();
    }

    @Override
    public byte[] archive(Caller caller, LocalDate day) {
        requireAdmin(caller);
        return archives.find(day)
                .map(archive -> archive.content())
                .orElseThrow(() -> new HearthException(ProblemType.ARCHIVE_NOT_FOUND, "no archive of " + day));
    }

    @Override
    public String archiveMediaType() {
        return format.mediaType();
    }

    @Override
    public String archiveFileName(LocalDate day) {
        return "activations-" + day + ".tar.gz";
    }

    @Override
    public int retentionDays(Caller caller) {
        requireAdmin(caller);
        return settings.retention().days();
    }

    @Override
    public int changeRetentionDays(Caller caller, int days) {
        requireAdmin(caller);
        Retention retention;
        try {
            retention = new Retention(days);
        } catch (IllegalArgumentException e) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, e.getMessage());
        }
        settings.save(retention);
        return retention.days();
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long runNow(Caller caller, MeteringJob job) {
        requireAdmin(caller);
        return launcher.start(job);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String status(Caller caller, MeteringJob job, long executionId) {
        requireAdmin(caller);
        return launcher.status(job, executionId)
                .orElseThrow(() -> new HearthException(
                        ProblemType.JOB_EXECUTION_NOT_FOUND,
                        "no execution " + executionId + " of " + job.id() + " on this member"));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new HearthException(
                    ProblemType.ACCESS_DENIED,
                    "role " + Role.ADMIN + " is needed for the fleet's figures, archives and jobs");
        }
    }
}
