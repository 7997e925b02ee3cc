package dev.hearth.scheduler.infrastructure.metrics;

import dev.hearth.domain.placement.InstanceLifecycle;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.StartKind;
import dev.hearth.scheduler.application.SchedulerMetrics;
import dev.hearth.scheduler.pool.InstancePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Invocations by start kind ({@code hearth_invocations}), their latency as a timer with
 * percentiles ({@code hearth_invocation_duration}), rejections by reason
 * ({@code hearth_rejections}) and the pool's instances by state ({@code hearth_pool_instances}).
 * Metric objects are looked up once: the warm path only increments.
 */
@ApplicationScoped
public class MicroProfileSchedulerMetrics implements SchedulerMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    InstancePool pool;

    private final Map<StartKind, Counter> invocations = new ConcurrentHashMap<>();
    private final Map<StartKind, Timer> latency = new ConcurrentHashMap<>();
    private final Map<Rejection, Counter> rejections = new ConcurrentHashMap<>();

    /** Registers everything when the application starts, so that /metrics shows zeros before traffic. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (StartKind kind : StartKind.values()) {
            invocationCounter(kind);
            latencyTimer(kind);
        }
        for (Rejection why : Rejection.values()) {
            rejectionCounter(why);
        }
        gauge("warming", i -> i.lifecycle() instanceof InstanceLifecycle.Warming);
        gauge("booting", i -> i.lifecycle() instanceof InstanceLifecycle.Booting);
        gauge("idle", i -> i.lifecycle() instanceof InstanceLifecycle.Assigned);
        gauge("busy", i -> i.lifecycle() instanceof InstanceLifecycle.Busy);
    }

    @Override
    public void invoked(StartKind kind, long nanos) {
        invocationCounter(kind).inc();
        latencyTimer(kind).update(Duration.ofNanos(nanos));
    }

    @Override
    public void rejected(Rejection why) {
        rejectionCounter(why).inc();
    }

    private Counter invocationCounter(StartKind kind) {
        return invocations.computeIfAbsent(
                kind, k -> registry.counter("hearth_invocations", new Tag("start_kind", k.id())));
    }

    private Timer latencyTimer(StartKind kind) {
        return latency.computeIfAbsent(
                kind, k -> registry.timer("hearth_invocation_duration", new Tag("start_kind", k.id())));
    }

    private Counter rejectionCounter(Rejection why) {
        return rejections.computeIfAbsent(why, w -> registry.counter("hearth_rejections", new Tag("reason", w.id())));
    }

    private void gauge(String state, Predicate<InstanceSnapshot> inState) {
        registry.gauge(
                "hearth_pool_instances",
                pool,
                p -> p.snapshot().instances().stream().filter(inState).count(),
                new Tag("state", state));
    }
}
