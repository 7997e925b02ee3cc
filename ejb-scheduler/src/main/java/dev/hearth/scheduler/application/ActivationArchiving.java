package dev.hearth.scheduler.application;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retention job's work: moves the records of a day past the retention into the day's archive
 * and deletes them, one day per transaction. The day's usage is summed from the whole archive in
 * the same transaction, so no record leaves the table before its hour is metered, and the hourly
 * rollup leaves archived days alone.
 */
@Stateless
public class ActivationArchiving {

    @Inject
    ActivationHistory activations;

    @Inject
    ActivationArchiveRepository archives;

    @Inject
    ActivationArchiveFormat format;

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
     * Archives the day's records, merged with those of an earlier archive of the day (a record in
     * both is kept once), sums the day's usage from them and deletes the records; how many records
     * were moved. All or nothing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int archive(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ActivationEntity> moved = activations.startedBetween(start, end);
        if (moved.isEmpty()) {
            return 0;
        }
        Optional<ActivationArchiveEntity> earlier = archives.find(day);
        Map<String, ActivationEntity> byId = new LinkedHashMap<>();
        earlier.ifPresent(archive -> format.read(archive.content()).forEach(a -> byId.put(a.id(), a)));
        moved.forEach(a -> byId.put(a.id(), a));
        List<ActivationEntity> records = byId.values().stream()
                .sorted(Comparator.comparing(ActivationEntity::startedAt).thenComparing(ActivationEntity::id))
                .toList();

        byte[] content = format.write(day, records);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        earlier.ifPresentOrElse(
                archive -> archive.replace(content, records.size(), now),
                () -> archives.add(new ActivationArchiveEntity(day, content, records.size(), now)));
        usage.replace(start, end, UsageRollup.sum(UsageRollups.metered(records)));
        activations.removeAll(moved.stream().map(ActivationEntity::id).toList());
        return moved.size();
    }
}
