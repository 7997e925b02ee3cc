package dev.hearth.domain.function;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a function's owner allows its code: memory, wall-clock timeout, processes, size of
 * {@code /tmp}, environment variables and network egress. The agent enforces it with the kernel.
 * {@code credentialScopes} are the scopes the trusted portions' credential asks for (e.g. {@code
 * kv:read}); empty: the function gets no credential.
 */
public record SecurityPolicy(
        int memoryMb,
        long timeoutMillis,
        int maxProcesses,
        int tmpMb,
        Map<String, String> environment,
        Egress egress,
        Set<String> credentialScopes) {

    public static final SecurityPolicy DEFAULT = new SecurityPolicy(128, 3_000, 32, 16, Map.of(), Egress.NONE);

    public SecurityPolicy {
        environment = Map.copyOf(environment);
        credentialScopes = Set.copyOf(credentialScopes);
    }

    /** A policy that asks for no credential. */
    public SecurityPolicy(
            int memoryMb,
            long timeoutMillis,
            int maxProcesses,
            int tmpMb,
            Map<String, String> environment,
            Egress egress) {
        this(memoryMb, timeoutMillis, maxProcesses, tmpMb, environment, egress, Set.of());
    }

    /** Network egress: none at all (the default), or an allow-list for the trusted portion. */
    public enum Egress {
        NONE("none");

        private final String id;

        Egress(String id) {
            this.id = id;
        }

        /** The name used in manifests and in the API. */
        public String id() {
            return id;
        }

        public static Optional<Egress> byId(String id) {
            return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
        }
    }
}
