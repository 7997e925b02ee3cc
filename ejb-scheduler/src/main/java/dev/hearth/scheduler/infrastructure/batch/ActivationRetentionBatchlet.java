package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.scheduler.application.ActivationArchiving;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Job {@code hearth-activation-retention}: archives the days past the retention, oldest first, each
 * in a transaction of its own, so that a failure keeps the days archived before it.
 */
@Named("activationRetentionBatchlet")
@Dependent
public class ActivationRetentionBatchlet extends AbstractBatchlet {

    @Inject
    ActivationArchiving archiving;

    /** The exit status: how many records of how many days were archived. */
    @Override
    public String process() {
        Instant now = Instant.now();
        int days = 0;
        long records = 0;
        LocalDate previous = null;
        for (Optional<LocalDate> due = archiving.oldestDueDay(now);
                due.isPresent();
                due = archiving.oldestDueDay(now)) {
            if (due.get().equals(previous)) {
                throw new IllegalStateException("the records of " + previous + " are still there after archiving");
            }
            records += archiving.archive(due.get());
            days++;
            previous = due.get();
        }
        return "archived " + records + " records of " + days + " days";
    }
}
