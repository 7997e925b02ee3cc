package dev.hearth.web.api;

import dev.hearth.scheduler.application.FunctionView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Function", description = "A deployed function: its code, portions and security policy.")
public record FunctionDto(
        @Schema(example = "hello") String name,
        @Schema(description = "User name of the developer who owns it", example = "dev") String owner,
        @Schema(description = "Runtime the code runs on", example = "provided") String runtime,
        @Schema(description = "Name of the portion that receives invocations") String entryPortion,
        List<PortionDto> portions,
        PolicyDto policy,
        @Schema(description = "SHA-256 of the code archive, hex") String codeSha256,
        @Schema(description = "Size of the code archive in bytes") long codeSize,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Folder of the archive that every portion sees besides its own; absent: none")
                String sharedPath,
        @Schema(
                        description = "What the deployer should know, in the answer to an upload only (empty"
                                + " elsewhere): e.g. that no host taking work offers the function's runtime with its"
                                + " isolation, so that its invocations get 503 until an admin adds one")
                List<String> warnings) {

    public FunctionDto {
        portions = List.copyOf(portions);
        warnings = List.copyOf(warnings);
    }

    @Schema(name = "Portion", description = "A part of the function's code with its own entry point and trust level.")
    public record PortionDto(
            String name,
            @Schema(description = "Directory of the portion inside the archive") String path,
            String handler,
            @Schema(enumeration = {"trusted", "untrusted"}) String trustLevel,
            @Schema(description = "Variables given to this portion alone (the policy's go to every portion)")
                    Map<String, String> environment,
            @Schema(description = "Names of the function's secrets this trusted portion receives; never their values")
                    List<String> secrets) {

        public PortionDto {
            environment = Map.copyOf(environment);
            secrets = List.copyOf(secrets);
        }
    }

    @Schema(name = "Policy", description = "What the function's code is allowed.")
    public record PolicyDto(
            int memoryMb,
            long timeoutMillis,
            int maxProcesses,
            int tmpMb,
            @Schema(description = "Share of one core each container may use, in percent") int cpuPercent,
            Map<String, String> environment,
            @Schema(
                            description = "host:port destinations the trusted portions may reach through the host"
                                    + " agent; empty: no network egress")
                    List<String> egress,
            @Schema(
                            description = "What the function's instances are: sandbox (namespaces, cgroups, seccomp)"
                                    + " or vm (a virtual machine of their own; no egress or credentialScopes yet)",
                            enumeration = {"sandbox", "vm"})
                    String isolation) {

        public PolicyDto {
            environment = Map.copyOf(environment);
            egress = List.copyOf(egress);
        }
    }

    public static FunctionDto from(FunctionView view) {
        FunctionView.PolicyView policy = view.policy();
        return new FunctionDto(
                view.name(),
                view.owner(),
                view.runtime(),
                view.entryPortion(),
                view.portions().stream()
                        .map(p -> new PortionDto(
                                p.name(), p.path(), p.handler(), p.trustLevel(), p.environment(), p.secrets()))
                        .toList(),
                new PolicyDto(
                        policy.memoryMb(),
                        policy.timeoutMillis(),
                        policy.maxProcesses(),
                        policy.tmpMb(),
                        policy.cpuPercent(),
                        policy.environment(),
                        policy.egress(),
                        policy.isolation()),
                view.codeSha256(),
                view.codeSize(),
                view.createdAt(),
                view.updatedAt(),
                view.sharedPath(),
                view.warnings());
    }
}
