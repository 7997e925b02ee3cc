package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import dev.hearth.security.Role;

/** Who may use the function services at all; what each may see is {@link Caller#mayManage}. */
final class Access {

    private Access() {}

    /** Sharing with invokers comes later: until then only developers and admins use functions. */
    static void requireDeveloperOrAdmin(Caller caller, String action) {
        if (!caller.isAdmin() && !caller.hasRole(Role.DEVELOPER)) {
            throw new AccessDeniedException("role " + Role.DEVELOPER + " or " + Role.ADMIN + " is needed to " + action);
        }
    }
}
