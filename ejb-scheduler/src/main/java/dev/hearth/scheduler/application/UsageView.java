package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.HourlyUsage;
import java.time.Instant;

/** One user's use of one function in one hour, as the usage API shows it. */
public record UsageView(
        Instant hour,
        String user,
        String function,
        long invocations,
        long errors,
        long megabyteMillis,
        double gbSeconds) {

    static UsageView of(HourlyUsage usage) {
        return new UsageView(
                usage.hour(),
                usage.user(),
                usage.function(),
                usage.invocations(),
                usage.errors(),
                usage.megabyteMillis(),
                usage.gbSeconds());
    }
}
