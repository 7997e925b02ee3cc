package dev.hearth.domain.function;

import dev.hearth.domain.rules.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * What one invocation asks to change in its function's security policy: each field {@code null}
 * to keep the owner's value. The owner's policy is the ceiling: an invocation may tighten memory,
 * timeout, processes, {@code /tmp} and CPU, and may narrow the egress allow-list to a subset, never
 * loosen any of them.
 */
public record PolicyOverride(
        Integer memoryMb,
        Long timeoutMillis,
        Integer maxProcesses,
        Integer tmpMb,
        Integer cpuPercent,
        List<String> egressAllowList) {

    public static final PolicyOverride NONE = new PolicyOverride(null, null, null, null, null, null);

    public PolicyOverride {
        egressAllowList = egressAllowList == null ? null : List.copyOf(egressAllowList);
    }

    /** The owner's policy as this invocation narrows it, or every reason it may not. */
    public Verdict applyTo(SecurityPolicy owner) {
        List<String> problems = new ArrayList<>();
        int memory = (int) atMost("memoryMb", memoryMb, owner.memoryMb(), Limits.MIN_MEMORY_MB, problems);
        long timeout =
                atMost("timeoutMillis", timeoutMillis, owner.timeoutMillis(), Limits.MIN_TIMEOUT_MILLIS, problems);
        int processes = (int) atMost("maxProcesses", maxProcesses, owner.maxProcesses(), 1, problems);
        int tmp = (int) atMost("tmpMb", tmpMb, owner.tmpMb(), 1, problems);
        int cpu = (int) atMost("cpuPercent", cpuPercent, owner.cpuPercent(), Limits.MIN_CPU_PERCENT, problems);
        List<String> egress = owner.egressAllowList();
        if (egressAllowList != null) {
            egress = egressAllowList.stream()
                    .filter(d -> !d.equals(ManifestRules.NO_EGRESS))
                    .map(EgressDestination::normalise)
                    .distinct()
                    .toList();
            egress.stream()
                    .filter(d -> !owner.egressAllowList().contains(d))
                    .forEach(d -> problems.add(
                            "egress '" + d + "' is not in the function's allow-list " + owner.egressAllowList()));
        }
        if (!problems.isEmpty()) {
            return new Verdict.Refused(problems);
        }
        return new Verdict.Narrowed(
                owner.withLimits(memory, timeout, processes, tmp, cpu).withEgressAllowList(egress));
    }

    private static long atMost(String field, Number asked, long ceiling, long floor, List<String> problems) {
        if (asked == null) {
            return ceiling;
        }
        long value = asked.longValue();
        if (value < floor || value > ceiling) {
            problems.add(field + " must be between " + floor + " and the function's " + ceiling);
            return ceiling;
        }
        return value;
    }

    /** The outcome of {@link #applyTo}. */
    public sealed interface Verdict {

        record Narrowed(SecurityPolicy policy) implements Verdict {}

        /** One line per refused field. */
        record Refused(List<String> problems) implements Verdict {

            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }
}
