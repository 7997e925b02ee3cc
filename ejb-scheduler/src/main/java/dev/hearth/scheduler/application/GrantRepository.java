package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionGrantEntity;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Who else may invoke a function. */
public interface GrantRepository {

    /** The grants of the function with this identity, by principal. */
    List<FunctionGrantEntity> of(String functionId);

    /** The grant stored for this name and principal, whichever function of that name it was made for. */
    Optional<FunctionGrantEntity> find(String functionName, String principal);

    /** Whether the function with this identity is granted to any of these principals. */
    boolean grantedToAny(String functionId, Collection<String> principals);

    /** Deletes every grant of the function with this identity. */
    void removeOfFunction(String functionId);

    void add(FunctionGrantEntity grant);

    void remove(FunctionGrantEntity grant);
}
