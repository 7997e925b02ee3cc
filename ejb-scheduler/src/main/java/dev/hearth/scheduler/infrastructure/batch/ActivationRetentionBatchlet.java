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
 * Job {@code hearth-activation-retention}: archives the days past the retention, oldest first, a
 * page of records per transaction ({@link ActivationArchiving#archive}), so that a failure keeps
 * what was archived before it.
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
            int moved = archiving.archive(due.get());
            if (moved == 0) {
                throw new IllegalStateException("the records of " + due.get() + " are still there after archiving");
            }
            records += moved;
            if (!due.get().equals(previous)) {
                days++;
                previous = due.get();
            }
        }
        return "archived " + records + " records of " + days + " days";
    }
}
