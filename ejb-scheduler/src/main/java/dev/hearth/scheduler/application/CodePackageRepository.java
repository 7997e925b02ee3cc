package dev.hearth.scheduler.application;

import dev.hearth.persistence.CodePackageEntity;
import java.util.Optional;
import java.util.Set;

/**
 * Stored code archives, by SHA-256. One package may be the code of several functions, of any
 * owners; it is kept while one of them names it. Who starts or stops naming a package {@link #lock
 * locks} it first, so that one transaction's removal and another's new use of it cannot cross.
 */
public interface CodePackageRepository {

    /**
     * Locks the rows of these packages until the transaction ends (a transaction that removes one or
     * starts naming it waits meanwhile), in the order of their SHA-256 so that two transactions
     * locking the same two wait rather than deadlock; those that are stored.
     */
    Set<String> lock(Set<String> sha256s);

    void add(CodePackageEntity codePackage);

    /** Removes the package, locked before, if no function names it any more (this transaction's changes included). */
    void removeUnreferenced(String sha256);

    /** The archive's bytes. */
    Optional<byte[]> content(String sha256);
}
