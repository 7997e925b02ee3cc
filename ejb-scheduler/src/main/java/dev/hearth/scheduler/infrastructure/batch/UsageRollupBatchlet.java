package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.scheduler.application.UsageRollups;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/** Job {@code hearth-usage-rollup}: recomputes the usage of the last complete hours. */
@Named("usageRollupBatchlet")
@Dependent
public class UsageRollupBatchlet extends AbstractBatchlet {

    @Inject
    UsageRollups rollups;

    /** The exit status: how many hours were recomputed. */
    @Override
    public String process() {
        return "recomputed " + rollups.rollUp(Instant.now()) + " hours";
    }
}
