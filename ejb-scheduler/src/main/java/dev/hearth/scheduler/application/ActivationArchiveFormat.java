package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import java.time.LocalDate;
import java.util.List;

/**
 * How a day's activation records are written into an archive and read back: every field of every
 * record, the log tail included, so that an archive can stand in for the rows it replaced.
 */
public interface ActivationArchiveFormat {

    /** The archive's media type, as downloads announce it. */
    String mediaType();

    byte[] write(LocalDate day, List<ActivationEntity> records);

    /** The records of an archive {@link #write} wrote, in the order written. */
    List<ActivationEntity> read(byte[] archive);
}
