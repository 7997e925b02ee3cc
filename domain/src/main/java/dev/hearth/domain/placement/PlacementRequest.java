package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.util.Objects;

/**
 * One invocation to place: whose code ({@code owner}), which runtime, what isolation its policy
 * requires, which function ({@code functionId}, its identity) and code package.
 */
public record PlacementRequest(
        String owner, Runtime runtime, Isolation isolation, String functionId, String codeSha256) {

    public PlacementRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(codeSha256, "codeSha256");
    }
}
