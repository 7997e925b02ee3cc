package dev.hearth.hypervisor.host.driver;

import dev.hearth.hypervisor.host.runtimeapi.ErrorDocument;

/**
 * How one runtime's turn ended (its init, or one event): the outcome, the payload (the runtime's
 * reply or error, or the document the agent writes for it), how long it took, and the runtime's
 * output meanwhile ({@code ""} where the driver keeps one log for the whole instance).
 */
public record Run(Outcome outcome, String payload, long millis, String logTail) {

    /**
     * The error document of a runtime that ended without a reply of its own, in AWS Lambda's
     * words; {@code exitStatus} is its process's, or {@code unknown}.
     */
    public static String failureDocument(
            Outcome outcome, Outcome.Phase phase, long timeoutMillis, int memoryMb, String exitStatus) {
        String message =
                switch (outcome) {
                    case TIMED_OUT -> phase == Outcome.Phase.INIT
                            ? "the runtime did not ask for work within " + timeoutMillis + " ms"
                            : "Task timed out after " + timeoutMillis + " ms";
                    case MEMORY_LIMIT_EXCEEDED -> "Runtime exited: out of memory (limit " + memoryMb + " MB)";
                    case PROCESS_LIMIT_EXCEEDED -> "Runtime exited: process limit reached";
                    default -> "Runtime exited with status " + exitStatus
                            + (phase == Outcome.Phase.INIT ? " before asking for work" : "");
                };
        return ErrorDocument.of(message, "Sandbox." + outcome.wireName());
    }
}
