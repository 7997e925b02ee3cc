package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.MeteredInvocation;
import dev.hearth.domain.metering.UsageRollup;
import dev.hearth.persistence.ActivationEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The usage rollup's work: recomputes the usage of the hours {@link UsageRollup#hoursDue} names
 * from the activation records, each hour replacing what an earlier run stored for it.
 */
@Stateless
public class UsageRollups {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    ActivationHistory activations;

    @Inject
    ActivationArchiveRepository archives;

    @Inject
    UsageRepository usage;

    /** Recomputes the hours due at {@code now}, in one transaction; how many hours. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int rollUp(Instant now) {
        List<Instant> hours = UsageRollup.hoursDue(now, archives.days());
        for (Instant hour : hours) {
            Instant end = hour.plus(HOUR);
            usage.replace(hour, end, UsageRollup.sum(activations.meteredBetween(hour, end)));
        }
        return hours.size();
    }

    /** What metering needs of an archived record; a record without memory (an older one) counts 0 MB. */
    static MeteredInvocation metered(ActivationEntity a) {
        return new MeteredInvocation(
                a.startedAt().toInstant(),
                a.caller(),
                a.functionName(),
                a.status(),
                a.durationMillis(),
                a.memoryMb().orElse(0));
    }
}
