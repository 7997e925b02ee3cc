package dev.hearth.domain.function;

import java.util.List;

/**
 * The parsed {@code hearth.json} of a code package: the runtime, the portions and which of them
 * receives invocations (the entry portion), the security policy, and the folder every portion
 * sees besides its own ({@code sharedPath}, null when the manifest declares none).
 */
public record FunctionManifest(
        Runtime runtime, String entryPortion, List<Portion> portions, SecurityPolicy policy, String sharedPath) {

    public FunctionManifest {
        portions = List.copyOf(portions);
    }

    /** A function whose portions share no folder. */
    public FunctionManifest(Runtime runtime, String entryPortion, List<Portion> portions, SecurityPolicy policy) {
        this(runtime, entryPortion, portions, policy, null);
    }

    /** The folders a portion's container sees besides its own: the shared one, if declared. */
    public List<String> sharedPaths() {
        return sharedPath == null ? List.of() : List.of(sharedPath);
    }

    /** The portions that are given secrets: trusted ones that name some (untrusted ones never get any). */
    public List<Portion> portionsGivenSecrets() {
        return portions.stream()
                .filter(p ->
                        p.trustLevel() == TrustLevel.TRUSTED && !p.secrets().isEmpty())
                .toList();
    }

    public Portion entry() {
        return portions.stream()
                .filter(p -> p.name().equals(entryPortion))
                .findFirst()
                .orElseThrow();
    }
}
