package dev.hearth.scheduler.application;

import dev.hearth.persistence.CodePackageEntity;
import java.util.Optional;

/** Stored code archives, by SHA-256. */
public interface CodePackageRepository {

    boolean exists(String sha256);

    void add(CodePackageEntity codePackage);

    /** The archive's bytes. */
    Optional<byte[]> content(String sha256);
}
