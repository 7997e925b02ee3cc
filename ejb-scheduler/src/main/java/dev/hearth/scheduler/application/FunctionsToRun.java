package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The functions invocations run, kept in memory on a member that keeps entities in its cache
 * ({@code hearth.persistence.shared-cache}, ADR 34): every invocation reads its function, and
 * reading it through a repository cost a transaction and a copy each time (docs/performance.md).
 * Any {@link FunctionChanged} makes every function kept so far stale, both while its transaction
 * runs and once it ended, so that no copy read before the change's commit survives it. With
 * several members, whose changes this member never hears of, nothing is kept: each invocation
 * reads the table. A function returned here is shared by every invocation: never to be changed.
 */
@ApplicationScoped
public class FunctionsToRun {

    @Inject
    FunctionRepository functions;

    @Inject
    @ConfigProperty(name = "hearth.persistence.shared-cache", defaultValue = "true")
    boolean kept;

    /** Counts the changes seen; a function kept under an older count is stale. */
    private final AtomicLong changes = new AtomicLong();

    private final Map<String, Kept> byName = new ConcurrentHashMap<>();

    private record Kept(long changes, FunctionEntity function) {}

    /** The function of this name as stored now, or as kept since it was last stored. */
    public Optional<FunctionEntity> find(String name) {
        if (!kept) {
            return functions.find(name);
        }
        long seen = changes.get();
        Kept known = byName.get(name);
        if (known != null && known.changes() == seen) {
            return Optional.of(known.function());
        }
        Optional<FunctionEntity> found = functions.find(name);
        // Kept under the count read before the read: a change meanwhile makes it stale at once.
        found.ifPresent(function -> byName.put(name, new Kept(seen, function)));
        return found;
    }

    void changing(@Observes FunctionChanged change) {
        forgetAll();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) FunctionChanged change) {
        forgetAll();
    }

    private void forgetAll() {
        changes.incrementAndGet();
        byName.clear();
    }
}
