package dev.hearth.scheduler.application;

import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionGrantEntity;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Grants stored per function (its identity) and principal; only who may manage the function may
 * change them. A grant left by a deleted function of the same name is replaced, never taken over.
 * A function has at most {@link Limits#MAX_GRANTS_PER_FUNCTION} grants; grants under way at once
 * may each pass the count before the others are in.
 */
@Stateless
public class DefaultSharingService implements SharingService {

    @Inject
    FunctionRepository functions;

    @Inject
    GrantRepository grants;

    @Override
    public Granted grant(Caller caller, String functionName, String principal) {
        FunctionEntity function = managed(caller, functionName);
        String checked = Principals.checked(principal);
        Optional<FunctionGrantEntity> stored = grants.find(function.name(), checked);
        if (stored.filter(existing -> function.functionId().equals(existing.functionId()))
                .isPresent()) {
            return new Granted(view(stored.get()), false);
        }
        if (grants.of(function.functionId()).size() >= Limits.MAX_GRANTS_PER_FUNCTION) {
            throw new HearthException(
                    ProblemType.QUOTA_EXCEEDED,
                    "function '" + function.name() + "' is granted to " + Limits.MAX_GRANTS_PER_FUNCTION
                            + " principals, the most a function may be; revoke one first, or grant a realm role");
        }
        // A grant of a deleted function of the same name lapsed with it.
        stored.ifPresent(grants::remove);
        FunctionGrantEntity grant = new FunctionGrantEntity(
                function.name(),
                function.functionId(),
                checked,
                function.owner(),
                caller.username(),
                OffsetDateTime.now(ZoneOffset.UTC));
        grants.add(grant);
        return new Granted(view(grant), true);
    }

    @Override
    public void revoke(Caller caller, String functionName, String principal) {
        FunctionEntity function = managed(caller, functionName);
        FunctionGrantEntity grant = grants.find(function.name(), principal)
                .filter(g -> function.functionId().equals(g.functionId()))
                .orElseThrow(() -> new HearthException(
                        ProblemType.FUNCTION_NOT_FOUND,
                        "function '" + functionName + "' is not granted to " + principal));
        grants.remove(grant);
    }

    @Override
    public List<GrantView> grants(Caller caller, String functionName) {
        FunctionEntity function = managed(caller, functionName);
        return grants.of(function.functionId()).stream()
                .map(DefaultSharingService::view)
                .toList();
    }

    private FunctionEntity managed(Caller caller, String functionName) {
        return Access.managedFunction(caller, functionName, functions, "share functions");
    }

    private static GrantView view(FunctionGrantEntity grant) {
        return new GrantView(grant.functionName(), grant.principal(), grant.grantedBy(), grant.grantedAt());
    }
}
