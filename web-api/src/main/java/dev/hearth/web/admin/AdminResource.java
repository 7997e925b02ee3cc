package dev.hearth.web.admin;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import dev.hearth.web.admin.AdminDtos.DrainDto;
import dev.hearth.web.admin.AdminDtos.HostDto;
import dev.hearth.web.admin.AdminDtos.InstanceDto;
import dev.hearth.web.admin.AdminDtos.PoolDto;
import dev.hearth.web.admin.AdminDtos.PoolTargetDto;
import dev.hearth.web.admin.AdminDtos.SettingsDto;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Warming pools, scheduler settings, hosts and instances, for admins. */
@Path("admin")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Pools, hosts and instances (role admin)")
public class AdminResource {

    /** What web-api's WholeJsonBodies answers 413 beyond, for every record DTO's body. */
    static final String BODY_TOO_LARGE = "Body larger than 2 MiB";

    @Inject
    private PoolAdminService admin;

    @Inject
    private Caller caller;

    @GET
    @Path("pools")
    @Operation(operationId = "listPools", summary = "Every runtime's warming pool, its target and what it holds")
    @APIResponse(responseCode = "200", description = "The pools, one per runtime")
    public List<PoolDto> pools() {
        return admin.pools(caller).stream().map(PoolDto::from).toList();
    }

    @PUT
    @Path("pools/{runtime}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setPoolTarget",
            summary = "Set a warming pool's target size and maximum per host",
            description = "The pool is refilled, or its surplus destroyed, at once and in the background.")
    @APIResponse(responseCode = "200", description = "The pool with its new target")
    @APIResponse(responseCode = "400", description = "Unknown runtime or negative numbers")
    @APIResponse(responseCode = "413", description = BODY_TOO_LARGE)
    public PoolDto setPool(@PathParam("runtime") String runtime, PoolTargetDto target) {
        if (target == null || target.warmingTarget() == null || target.maxPerHost() == null) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "warmingTarget and maxPerHost are required");
        }
        return PoolDto.from(admin.setPool(caller, runtime, target.warmingTarget(), target.maxPerHost()));
    }

    @GET
    @Path("settings")
    @Operation(
            operationId = "getSchedulerSettings",
            summary = "Keep-alive, concurrency limits and the allowed private networks")
    @APIResponse(responseCode = "200", description = "The settings in force")
    public SettingsDto settings() {
        return SettingsDto.from(admin.settings(caller));
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeSchedulerSettings",
            summary = "Change keep-alive, concurrency limits and the allowed private networks")
    @APIResponse(responseCode = "200", description = "The settings now in force, on every member of a cluster")
    @APIResponse(
            responseCode = "400",
            description = "A value out of range or missing, or an allowed private network that is not a CIDR range"
                    + " inside RFC 1918, CGNAT or ULA")
    @APIResponse(responseCode = "413", description = BODY_TOO_LARGE)
    public SettingsDto changeSettings(SettingsDto settings) {
        if (settings == null) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "the settings document is required");
        }
        return SettingsDto.from(admin.changeSettings(caller, settings.toSettings()));
    }

    @GET
    @Path("hosts")
    @Operation(operationId = "listHosts", summary = "The configured hosts and their state")
    @APIResponse(responseCode = "200", description = "The hosts")
    public List<HostDto> hosts() {
        return admin.hosts(caller).stream().map(HostDto::from).toList();
    }

    @PUT
    @Path("hosts/{hostId}/draining")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "drainHost",
            summary = "Drain a host, or take it back",
            description = "A draining host takes no new work; its idle and warming-pool instances are destroyed"
                    + " and busy ones finish first.")
    @APIResponse(responseCode = "200", description = "The host as it is now")
    @APIResponse(responseCode = "400", description = "Not JSON, or draining missing")
    @APIResponse(responseCode = "404", description = "No such host")
    @APIResponse(responseCode = "413", description = BODY_TOO_LARGE)
    public HostDto drain(@PathParam("hostId") String hostId, DrainDto drain) {
        if (drain == null || drain.draining() == null) {
            throw new HearthException(ProblemType.INVALID_SETTINGS, "draining (true or false) is required");
        }
        return HostDto.from(admin.drain(caller, hostId, drain.draining()));
    }

    @GET
    @Path("instances")
    @Operation(operationId = "listInstances", summary = "Every instance Hearth knows, with owner and state")
    @APIResponse(responseCode = "200", description = "The instances")
    public List<InstanceDto> instances() {
        return admin.instances(caller).stream().map(InstanceDto::from).toList();
    }

    @DELETE
    @Path("instances/{instanceId}")
    @Operation(operationId = "destroyInstance", summary = "Destroy an instance at once")
    @APIResponse(responseCode = "204", description = "Destroyed")
    @APIResponse(responseCode = "404", description = "No such instance")
    @APIResponse(
            responseCode = "502",
            description = "The host could not destroy it now; Hearth no longer uses it and retries")
    public void destroyInstance(@PathParam("instanceId") String instanceId) {
        admin.destroyInstance(caller, instanceId);
    }
}
