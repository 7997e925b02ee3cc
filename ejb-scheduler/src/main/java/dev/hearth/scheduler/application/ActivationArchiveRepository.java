package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationArchiveEntity;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The archives of activation records, one per day, in the database every member reads. */
public interface ActivationArchiveRepository {

    /** Every archive, oldest day first. */
    List<ArchiveSummary> summaries();

    /** The days that have an archive. */
    Set<LocalDate> days();

    /** The day's archive, managed: a change is written with the transaction. */
    Optional<ActivationArchiveEntity> find(LocalDate day);

    void add(ActivationArchiveEntity archive);
}
