package dev.hearth.security;

/** Keycloak realm roles, delivered in the token's {@code groups} claim. */
public final class Role {

    /** Pools, hosts and every function. */
    public static final String ADMIN = "admin";

    /** Own functions: upload, read, invoke, delete. */
    public static final String DEVELOPER = "developer";

    /** Invokes functions shared with it. */
    public static final String INVOKER = "invoker";

    private Role() {}
}
