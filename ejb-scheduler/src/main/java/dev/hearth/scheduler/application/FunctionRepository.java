package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionEntity;
import java.util.List;
import java.util.Optional;

/** Stored functions. */
public interface FunctionRepository {

    Optional<FunctionEntity> find(String name);

    /** Every function, by name. */
    List<FunctionEntity> all();

    List<FunctionEntity> ownedBy(String owner);

    /** How many functions the owner has; the database's repository counts them without reading them. */
    default long countOwnedBy(String owner) {
        return ownedBy(owner).size();
    }

    void add(FunctionEntity function);

    void remove(FunctionEntity function);
}
