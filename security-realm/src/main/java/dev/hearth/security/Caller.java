package dev.hearth.security;

import java.util.Set;

/** The authenticated user behind a request: the token's user name and realm roles. */
public record Caller(String username, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether this caller may read or change what {@code owner} owns. */
    public boolean mayManage(String owner) {
        return isAdmin() || (hasRole(Role.DEVELOPER) && username.equals(owner));
    }
}
