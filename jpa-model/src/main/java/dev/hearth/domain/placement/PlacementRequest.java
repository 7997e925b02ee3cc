package dev.hearth.domain.placement;

import dev.hearth.domain.function.Runtime;
import java.util.Objects;

/** One invocation to place: whose code ({@code owner}), which runtime, which code package. */
public record PlacementRequest(String owner, Runtime runtime, String codeSha256) {

    public PlacementRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(codeSha256, "codeSha256");
    }
}
