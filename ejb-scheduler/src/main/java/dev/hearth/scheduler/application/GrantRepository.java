package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionGrantEntity;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Who else may invoke a function. */
public interface GrantRepository {

    /** The grants that the function's current owner made, by principal. */
    List<FunctionGrantEntity> of(String functionName, String owner);

    Optional<FunctionGrantEntity> find(String functionName, String principal);

    /** Whether the owner granted the function to any of these principals. */
    boolean grantedToAny(String functionName, String owner, Collection<String> principals);

    void add(FunctionGrantEntity grant);

    void remove(FunctionGrantEntity grant);
}
