package dev.hearth.console;

import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AsyncSettingsView;
import dev.hearth.scheduler.application.BulkJobView;
import dev.hearth.scheduler.application.DeadLetterView;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.GrantView;
import dev.hearth.scheduler.application.ScheduleView;
import dev.hearth.scheduler.application.SecretView;
import java.util.List;

/**
 * What a function's page shows: the function, its grants and secrets (names only), its schedules,
 * its async retry settings and dead letters, its batch jobs, and its recent activations of the chosen {@code status}
 * and {@code startKind} (empty: any).
 */
record FunctionDetails(
        FunctionView function,
        List<GrantView> grants,
        List<SecretView> secrets,
        List<ScheduleView> schedules,
        AsyncSettingsView asyncSettings,
        List<DeadLetterView> deadLetters,
        List<BulkJobView> jobs,
        List<ActivationView> activations,
        String status,
        String startKind) {

    /** The newest activations the page looks through for the filters, and the newest dead letters it shows. */
    static final int RECENT = 200;

    /** The activations shown at most, after filtering. */
    static final int SHOWN = 50;

    /** {@code recent} (newest first) narrowed to the chosen status and start kind, at most {@link #SHOWN}. */
    static List<ActivationView> matching(List<ActivationView> recent, String status, String startKind) {
        return recent.stream()
                .filter(activation -> status.isEmpty() || status.equals(activation.status()))
                .filter(activation -> startKind.isEmpty() || startKind.equals(activation.startKind()))
                .limit(SHOWN)
                .toList();
    }
}
