package dev.hearth.domain.function;

import java.util.List;
import java.util.Map;

/**
 * A {@code hearth.json} as written, before any rule is applied: every field may be missing
 * ({@code null}). The JSON reader fills it; {@link ManifestRules} judges it. Field names match the
 * JSON keys.
 */
public record RawManifest(
        String runtime, String entryPortion, List<RawPortion> portions, RawPolicy policy, String sharedPath) {

    /** A manifest without a shared folder. */
    public RawManifest(String runtime, String entryPortion, List<RawPortion> portions, RawPolicy policy) {
        this(runtime, entryPortion, portions, policy, null);
    }

    /** One element of {@code portions}. */
    public record RawPortion(
            String name,
            String path,
            String handler,
            String trustLevel,
            Map<String, String> environment,
            List<String> secrets) {

        /** A portion with no variables of its own and no secrets. */
        public RawPortion(String name, String path, String handler, String trustLevel) {
            this(name, path, handler, trustLevel, null, null);
        }
    }

    /**
     * The {@code policy} object; a missing field takes its value from {@link SecurityPolicy#DEFAULT}.
     * {@code egress} is the list as written, or the one string the manifest gave ({@code "none"}).
     */
    public record RawPolicy(
            Long memoryMb,
            Long timeoutMillis,
            Long maxProcesses,
            Long tmpMb,
            Map<String, String> environment,
            List<String> egress,
            List<String> credentialScopes,
            String isolation,
            Long cpuPercent) {

        public static final RawPolicy EMPTY = new RawPolicy(null, null, null, null, null, null);

        /** A policy that asks for no credential scopes. */
        public RawPolicy(
                Long memoryMb,
                Long timeoutMillis,
                Long maxProcesses,
                Long tmpMb,
                Map<String, String> environment,
                List<String> egress) {
            this(memoryMb, timeoutMillis, maxProcesses, tmpMb, environment, egress, null, null, null);
        }
    }
}
