package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionSecretEntity;
import java.util.List;
import java.util.Optional;

/** The functions' secrets, sealed. */
public interface SecretRepository {

    /** The secrets that the function's current owner set, by name. */
    List<FunctionSecretEntity> of(String functionName, String owner);

    Optional<FunctionSecretEntity> find(String functionName, String secretName);

    /** How many secrets the owner has set, over all their functions. */
    long countOwnedBy(String owner);

    void add(FunctionSecretEntity secret);

    void remove(FunctionSecretEntity secret);

    /** Removes every secret of the function of that name, whoever set it. */
    void removeOfFunction(String functionName);
}
