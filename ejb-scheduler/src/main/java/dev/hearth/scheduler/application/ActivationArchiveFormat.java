package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a day's activation records are written into an archive and read back: every field of every
 * record, the log tail included, so that an archive can stand in for the rows it replaced.
 */
public interface ActivationArchiveFormat {

    /** The archive's media type, as downloads announce it. */
    String mediaType();

    /**
     * The day's archive of the records of {@code earlier} (an archive of the day this format wrote,
     * or null) and of {@code added}, oldest first (by start, then id); a record in both is kept as
     * {@code added} has it. {@code each} is given every record of the new archive once, in order.
     * The earlier archive is read one record at a time, so that memory follows {@code added} and
     * the size of the archive, not its number of records.
     */
    byte[] merge(LocalDate day, byte[] earlier, List<ActivationEntity> added, Consumer<ActivationEntity> each);
}
