package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.MeteredInvocation;
import dev.hearth.domain.metering.UsageRollup;
import dev.hearth.persistence.ActivationArchiveEntity;
import dev.hearth.persistence.ActivationEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The retention job's work: moves the records of a day past the retention into the day's archive
 * and deletes them a page per transaction, a page at most {@value #PAGE_CHARS} characters of results
 * and log tails and {@value #PAGE_RECORDS} records: a record may hold an async result of 256 Ki
 * characters, so a day is never read at once (docs/adr/0050), and small records go many to a page,
 * since each page reads and rewrites the day's archive so far. The day's usage is summed from
 * the whole archive in the same transaction, so no record leaves the table before its hour is
 * metered, and the hourly rollup leaves archived days alone. The log lines and metric samples the
 * records' invocations sent to the auxiliary services are deleted with them and not archived
 * (docs/adr/0058): an archive keeps each record's log tail, and a function's metrics are those of
 * the records still kept.
 */
@Stateless
public class ActivationArchiving {

    /** Characters of results and log tails moved per transaction (16 MiB at most as Java holds them). */
    static final long PAGE_CHARS = 8L << 20;

    /** Records moved per transaction at most. */
    static final int PAGE_RECORDS = 4_096;

    @Inject
    ActivationHistory activations;

    @Inject
    ActivationArchiveRepository archives;

    @Inject
    ActivationArchiveFormat format;

    @Inject
    InvocationRecordRepository logsAndMetrics;

    @Inject
    UsageRepository usage;

    @Inject
    RetentionSettingsRepository settings;

    /** The oldest day with records past the retention at {@code now}, if any. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<LocalDate> oldestDueDay(Instant now) {
        Instant archivedBefore = settings.retention().archivedBefore(LocalDate.ofInstant(now, ZoneOffset.UTC));
        return activations.oldestStartedBefore(archivedBefore).map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    /**
     * Archives a page of the day's oldest records, merged with those of an earlier archive of
     * the day (a record in both is kept once), sums the day's usage from the archive and deletes the
     * records with their log lines and metric samples; how many records were moved, 0 when the day
     * has none left. All or nothing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int archive(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int page = activations.fitting(start, end, PAGE_CHARS, PAGE_RECORDS);
        if (page == 0) {
            return 0;
        }
        List<ActivationEntity> moved = activations.startedBetween(start, end, page);
        Optional<ActivationArchiveEntity> earlier = archives.find(day);
        List<MeteredInvocation> metered = new ArrayList<>();
        byte[] content = format.merge(
                day,
                earlier.map(ActivationArchiveEntity::content).orElse(null),
                moved,
                record -> metered.add(UsageRollups.metered(record)));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        earlier.ifPresentOrElse(
                archive -> archive.replace(content, metered.size(), now),
                () -> archives.add(new ActivationArchiveEntity(day, content, metered.size(), now)));
        usage.replace(start, end, UsageRollup.sum(metered));
        List<String> ids = moved.stream().map(ActivationEntity::id).toList();
        activations.removeAll(ids);
        logsAndMetrics.removeOfActivations(ids);
        return moved.size();
    }
}
