package dev.hearth.web.api;

import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import java.util.List;

/**
 * The invocation's query parameters that narrow its function's policy. Parsed here rather than by
 * JAX-RS, which answers a malformed query parameter with 404; whether the values stay within the
 * policy is the domain's {@link PolicyOverride} to judge.
 */
final class PolicyOverrideParams {

    private PolicyOverrideParams() {}

    static PolicyOverride parse(
            String memoryMb,
            String timeoutMillis,
            String maxProcesses,
            String tmpMb,
            String cpuPercent,
            List<String> egress) {
        Long memory = wholeNumber("memoryMb", memoryMb);
        Long processes = wholeNumber("maxProcesses", maxProcesses);
        Long tmp = wholeNumber("tmpMb", tmpMb);
        Long cpu = wholeNumber("cpuPercent", cpuPercent);
        return new PolicyOverride(
                memory == null ? null : Math.toIntExact(memory),
                wholeNumber("timeoutMillis", timeoutMillis),
                processes == null ? null : Math.toIntExact(processes),
                tmp == null ? null : Math.toIntExact(tmp),
                cpu == null ? null : Math.toIntExact(cpu),
                egress == null || egress.isEmpty() ? null : egress);
    }

    private static Long wholeNumber(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!raw.matches("\\d{1,9}")) {
            throw new HearthException(
                    ProblemType.INVALID_REQUEST, name + " must be a whole number, not '" + raw + "'.");
        }
        return Long.parseLong(raw);
    }
}
