package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;

/** Who may use the function services at all; what each may see is {@link Caller#mayManage}. */
final class Access {

    private Access() {}

    /** Deploying, listing, reading and sharing functions is for developers and admins. */
    static void requireDeveloperOrAdmin(Caller caller, String action) {
        if (!caller.isAdmin() && !caller.hasRole(Role.DEVELOPER)) {
            throw new HearthException(
                    ProblemType.ACCESS_DENIED,
                    "role " + Role.DEVELOPER + " or " + Role.ADMIN + " is needed to " + action);
        }
    }

    /**
     * The function named, when the caller may manage it (its owner, or an admin); anyone else learns
     * nothing of it, as for a function that does not exist.
     *
     * @param action what the caller does, for the refusal of a caller with neither role
     * @throws HearthException ACCESS_DENIED: neither developer nor admin
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     */
    static FunctionEntity managedFunction(
            Caller caller, String functionName, FunctionRepository functions, String action) {
        requireDeveloperOrAdmin(caller, action);
        return functions
                .find(functionName)
                .filter(f -> caller.mayManage(f.owner()))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
    }

    /**
     * Who may invoke a function: who may manage it, and whoever its owner granted it to (as a user or
     * through a realm role). The grant store is asked only for callers who do not manage it.
     */
    static boolean mayInvoke(Caller caller, FunctionEntity function, GrantRepository grants) {
        return caller.mayManage(function.owner()) || grants.grantedToAny(function.functionId(), Principals.of(caller));
    }
}
