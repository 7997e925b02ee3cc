package dev.hearth.security;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated user behind a request: the token's user name and realm roles, and the raw
 * bearer token itself, which token exchange needs (absent when the caller did not come with one).
 * The token never appears in {@link #toString()}.
 */
public record Caller(String username, Set<String> roles, String bearerToken) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String username, Set<String> roles) {
        this(username, roles, null);
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

    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    @Override
    public String toString() {
        return "Caller[username=" + username + ", roles=" + roles + (bearerToken == null ? "" : ", bearerToken=…")
                + "]";
    }
}
