package dev.hearth.web.admin;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.scheduler.application.SchedulerSettings;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin API's documents. */
public final class AdminDtos {

    private AdminDtos() {}

    @Schema(name = "Pool", description = "The warming pool of one runtime: what an admin wants and what it holds now.")
    public record PoolDto(
            @Schema(example = "python3") String runtime,
            @Schema(description = "Unassigned instances wanted across all hosts") int warmingTarget,
            @Schema(description = "At most this many of them on one host") int maxPerHost,
            @Schema(description = "Ready, unassigned instances now") int warming,
            @Schema(description = "Instances booting to join the pool") int booting) {

        static PoolDto from(PoolAdminService.PoolView view) {
            return new PoolDto(view.runtime(), view.warmingTarget(), view.maxPerHost(), view.warming(), view.booting());
        }
    }

    @Schema(name = "PoolTarget", description = "A warming pool's target size and maximum per host.")
    public record PoolTargetDto(
            @Schema(required = true, minimum = "0") Integer warmingTarget,
            @Schema(required = true, minimum = "0") Integer maxPerHost) {}

    @Schema(
            name = "SchedulerSettings",
            description = "Keep-alive and concurrency limits of the whole fleet, and the private networks functions"
                    + " and log endpoints may reach.")
    public record SettingsDto(
            @Schema(required = true, description = "How long an idle instance stays warm for its owner", minimum = "0")
                    Long keepAliveSeconds,
            @Schema(required = true, description = "Invocations of one function at once", minimum = "1")
                    Integer maxConcurrentPerFunction,
            @Schema(required = true, description = "Invocations of one user at once", minimum = "1")
                    Integer maxConcurrentPerUser,
            @Schema(
                            required = true,
                            description = "How long an invocation waits for a slot before it gets 429",
                            minimum = "0",
                            maximum = "60000")
                    Long queueWaitMillis,
            @Schema(
                            description = "Private networks (CIDR ranges or addresses inside 10.0.0.0/8,"
                                    + " 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 or fc00::/7) that functions'"
                                    + " egress allow-lists and log endpoints may reach; absent or empty: none."
                                    + " Loopback, link-local, cloud services at fixed addresses (100.100.100.200,"
                                    + " fd00:ec2::254, 168.63.129.16), the hosts' own addresses and, for egress,"
                                    + " the auxiliary services' host stay refused. A PUT"
                                    + " replaces the list; any other range is a 400.",
                            example = "[\"10.20.0.0/16\"]",
                            maxItems = SchedulerSettings.MAX_ALLOWED_PRIVATE_NETWORKS)
                    List<String> allowedPrivateNetworks) {

        static SettingsDto from(SchedulerSettings settings) {
            return new SettingsDto(
                    settings.keepAlive().toSeconds(),
                    settings.maxConcurrentPerFunction(),
                    settings.maxConcurrentPerUser(),
                    settings.queueWait().toMillis(),
                    settings.allowedPrivateNetworks());
        }

        SchedulerSettings toSettings() {
            if (keepAliveSeconds == null
                    || maxConcurrentPerFunction == null
                    || maxConcurrentPerUser == null
                    || queueWaitMillis == null) {
                throw new HearthException(
                        ProblemType.INVALID_SETTINGS,
                        "keepAliveSeconds, maxConcurrentPerFunction, maxConcurrentPerUser and queueWaitMillis are required");
            }
            return new SchedulerSettings(
                    Duration.ofSeconds(keepAliveSeconds),
                    maxConcurrentPerFunction,
                    maxConcurrentPerUser,
                    Duration.ofMillis(queueWaitMillis),
                    allowedPrivateNetworks);
        }
    }

    @Schema(name = "Host", description = "A configured host agent as placement sees it.")
    public record HostDto(
            @Schema(example = "local") String hostId,
            @Schema(description = "Whether its agent answered at the last check") boolean healthy,
            @Schema(description = "Whether an admin is draining it: it takes no new work") boolean draining,
            int instanceCapacity,
            List<String> runtimes,
            @Schema(description = "sandbox, and vm when its agent runs the qemu driver") List<String> isolations,
            @Schema(description = "Instances Hearth knows on it") int instances) {

        static HostDto from(PoolAdminService.HostView view) {
            return new HostDto(
                    view.hostId(),
                    view.healthy(),
                    view.draining(),
                    view.instanceCapacity(),
                    view.runtimes(),
                    view.isolations(),
                    view.instances());
        }
    }

    @Schema(name = "HostDrain", description = "Whether the host is to be drained.")
    public record DrainDto(@Schema(required = true) Boolean draining) {}

    @Schema(name = "Instance", description = "An instance Hearth runs on a host.")
    public record InstanceDto(
            String instanceId,
            String hostId,
            @Schema(example = "python3") String runtime,
            @Schema(enumeration = {"sandbox", "vm"}) String isolation,
            @Schema(description = "The user it belongs to for life; absent while in the warming pool") String owner,
            @Schema(enumeration = {"booting", "warming", "idle", "busy"}) String state,
            @Schema(description = "The function its containers were started for; absent while it runs none")
                    String function,
            @Schema(description = "When it was booted (booting: when the boot was asked for)") OffsetDateTime upSince) {

        static InstanceDto from(PoolAdminService.InstanceSummary summary) {
            return new InstanceDto(
                    summary.instanceId(),
                    summary.hostId(),
                    summary.runtime(),
                    summary.isolation(),
                    summary.owner(),
                    summary.state(),
                    summary.function(),
                    summary.upSince() == null ? null : summary.upSince().atOffset(ZoneOffset.UTC));
        }
    }
}
