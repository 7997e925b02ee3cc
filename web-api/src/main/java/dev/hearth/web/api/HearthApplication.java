package dev.hearth.web.api;

import dev.hearth.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API's root: bearer tokens from the Hearth Keycloak realm, checked by MicroProfile JWT. */
@ApplicationPath("api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "hearth")
@DeclareRoles({Role.ADMIN, Role.DEVELOPER, Role.INVOKER})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Hearth API",
                        version = "1.0",
                        description =
                                "Deploy functions as code archives, invoke them on warm sandboxed instances, and read"
                                        + " their activation records. Every operation needs a bearer token of the Hearth"
                                        + " Keycloak realm whose audience includes hearth-api (the auxiliary services under"
                                        + " /aux take invocation credentials, audience hearth-aux); the realm roles (admin, developer,"
                                        + " invoker) in its groups claim decide what the caller may do. Errors are RFC 9457"
                                        + " problem details (application/problem+json)."),
        security = @SecurityRequirement(name = HearthApplication.BEARER),
        tags = {
            @Tag(name = "functions", description = "Deploying and managing functions"),
            @Tag(name = "invocations", description = "Running a function"),
            @Tag(
                    name = "async invocations",
                    description = "Retry settings and dead letters of invocations queued with Prefer: respond-async"),
            @Tag(name = "activations", description = "Records of past invocations"),
            @Tag(name = "jobs", description = "Bulk invocation jobs: one invocation per record of a data set"),
            @Tag(name = "sharing", description = "Letting other users or realm roles invoke a function"),
            @Tag(name = "secrets", description = "Values a function's trusted portions receive, stored encrypted"),
            @Tag(name = "schedules", description = "Running a function at the times a cron expression names"),
            @Tag(name = "usage", description = "Invocations, errors and GB-seconds per hour, user and function"),
            @Tag(
                    name = "auxiliary",
                    description = "Log sink, metrics sink and key-value store for trusted portions, which call them"
                            + " with their invocation credential (audience hearth-aux)")
        })
@SecurityScheme(
        securitySchemeName = HearthApplication.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An access token of the Keycloak realm hearth (for the demo: ./hearth token USER).")
public class HearthApplication extends Application {

    static final String BEARER = "bearer";
}
