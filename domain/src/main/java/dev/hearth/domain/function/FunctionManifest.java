package dev.hearth.domain.function;

import java.util.List;

/**
 * The parsed {@code hearth.json} of a code package: the runtime, the portions and which of them
 * receives invocations (the entry portion), and the security policy.
 */
public record FunctionManifest(Runtime runtime, String entryPortion, List<Portion> portions, SecurityPolicy policy) {

    public FunctionManifest {
        portions = List.copyOf(portions);
    }

    public Portion entry() {
        return portions.stream()
                .filter(p -> p.name().equals(entryPortion))
                .findFirst()
                .orElseThrow();
    }
}
