package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A function as the API shows it. */
public record FunctionView(
        String name,
        String owner,
        String runtime,
        String entryPortion,
        List<PortionView> portions,
        PolicyView policy,
        String codeSha256,
        long codeSize,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String sharedPath,
        List<String> warnings) {

    public FunctionView {
        warnings = List.copyOf(warnings);
    }

    /** This view with what its deployer should know about it, e.g. that no host can run it now. */
    public FunctionView withWarnings(List<String> found) {
        return new FunctionView(
                name,
                owner,
                runtime,
                entryPortion,
                portions,
                policy,
                codeSha256,
                codeSize,
                createdAt,
                updatedAt,
                sharedPath,
                found);
    }

    /** {@code secrets} are the names of the secrets the portion receives, never their values. */
    public record PortionView(
            String name,
            String path,
            String handler,
            String trustLevel,
            Map<String, String> environment,
            List<String> secrets) {}

    public record PolicyView(
            int memoryMb,
            long timeoutMillis,
            int maxProcesses,
            int tmpMb,
            int cpuPercent,
            Map<String, String> environment,
            List<String> egress,
            String isolation) {}
}
