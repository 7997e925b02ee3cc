package dev.hearth.scheduler.application;

import dev.hearth.domain.async.FairTurns;
import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.InvocationRecordEntity;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships an invocation's logs to the logging endpoint its caller named, after it has run and off
 * the request's thread: the caller has its answer whether or not the endpoint takes them. What is
 * shipped is what the caller may read through the API ({@link ActivationAccess}): its owner gets the
 * whole record and the log lines, anyone else only what the invocation's answer held. A failed
 * delivery is logged (never with the endpoint's credential) and not retried.
 *
 * <p>The endpoint is the caller's, so it may stall each delivery until its deadline. Deliveries run
 * on at most {@value #MAX_UNDER_WAY} threads of the managed executor, never on Payara's EJB thread
 * pool, whose 16 threads also fire every EJB timer (schedules, pool upkeep, async polling): a few
 * stalling endpoints had stopped them all (docs/adr/0059). The caller with the fewest deliveries
 * under way goes next ({@link FairTurns}), so another caller's waits for one delivery to end at
 * most; what does not fit in the waiting room is dropped and logged.
 */
@ApplicationScoped
public class LogShipping {

    /** Deliveries under way at once on this member. */
    static final int MAX_UNDER_WAY = 4;

    /** Deliveries waiting on this member, and of one caller. */
    static final int MAX_WAITING = 1_000;

    static final int MAX_WAITING_PER_CALLER = 100;

    private static final Logger LOG = Logger.getLogger(LogShipping.class.getName());

    @Inject
    InvocationRecordRepository records;

    @Inject
    LogShipper shipper;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    Executor executor;

    /** One delivery: where to, what of. */
    private record Delivery(
            LogDestination destination, ActivationView activation, ActivationAccess access, long queuedAtMillis) {}

    /** Waiting deliveries per caller, oldest first; guarded by this. */
    private final Map<String, ArrayDeque<Delivery>> waiting = new HashMap<>();

    /** Deliveries under way per caller; guarded by this. */
    private final Map<String, Long> underWay = new HashMap<>();

    /** For CDI's proxy and the container. */
    public LogShipping() {}

    LogShipping(InvocationRecordRepository records, LogShipper shipper, Executor executor) {
        this.records = records;
        this.shipper = shipper;
        this.executor = executor;
    }

    /**
     * Queues the delivery of the activation's logs; returns at once. A caller with {@value
     * #MAX_WAITING_PER_CALLER} waiting loses this one. When the member's room is full, the caller
     * with the most waiting loses its newest instead, unless that is this caller: so callers who
     * fill the room cannot keep out one who has few waiting.
     */
    public void shipAfter(LogDestination destination, ActivationView activation, ActivationAccess access) {
        String caller = activation.caller();
        Delivery delivery = new Delivery(destination, activation, access, System.currentTimeMillis());
        Delivery dropped = null;
        List<Delivery> starting;
        synchronized (this) {
            ArrayDeque<Delivery> queue = waiting.computeIfAbsent(caller, c -> new ArrayDeque<>());
            if (queue.size() >= MAX_WAITING_PER_CALLER) {
                dropped = delivery;
            } else if (waitingCount() >= MAX_WAITING) {
                ArrayDeque<Delivery> longest = waiting.values().stream()
                        .max(Comparator.comparingInt(ArrayDeque::size))
                        .orElseThrow();
                dropped = longest.size() > queue.size() ? longest.pollLast() : delivery;
            }
            if (dropped != delivery) {
                queue.add(delivery);
            }
            waiting.values().removeIf(ArrayDeque::isEmpty);
            starting = takeTurns();
        }
        if (dropped != null) {
            LOG.log(
                    Level.WARNING,
                    "the logs of activation {0} were not shipped to {1}: too many deliveries wait",
                    new Object[] {
                        dropped.activation().id(),
                        dropped.destination().endpoint().getHost()
                    });
        }
        starting.forEach(this::start);
    }

    /** The deliveries to start now, taken from the waiting room and counted as under way. */
    private List<Delivery> takeTurns() {
        List<FairTurns.Waiting> callers = new ArrayList<>();
        waiting.forEach((caller, queue) -> callers.add(
                new FairTurns.Waiting(caller, queue.size(), queue.peek().queuedAtMillis())));
        List<Delivery> turns = new ArrayList<>();
        long free = MAX_UNDER_WAY
                - underWay.values().stream().mapToLong(Long::longValue).sum();
        for (String caller : FairTurns.next(callers, underWay, (int) free)) {
            ArrayDeque<Delivery> queue = waiting.get(caller);
            turns.add(queue.poll());
            if (queue.isEmpty()) {
                waiting.remove(caller);
            }
            underWay.merge(caller, 1L, Long::sum);
        }
        return turns;
    }

    private int waitingCount() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private synchronized void leftUnderWay(Delivery delivery) {
        underWay.computeIfPresent(delivery.activation().caller(), (caller, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Runs the delivery on a thread of the executor. A delivery started as another ends is
     * submitted from that one's thread and so may carry its caller's context: nothing on this path
     * may decide by the thread's caller (the access was decided in {@link #shipAfter}).
     */
    private void start(Delivery delivery) {
        try {
            executor.execute(() -> {
                try {
                    ship(delivery);
                } finally {
                    ended(delivery);
                }
            });
        } catch (RuntimeException notTaken) { // the application is stopping, or the executor refused
            LOG.log(Level.WARNING, "the logs of activation {0} were not shipped: {1}", new Object[] {
                delivery.activation().id(), notTaken.toString()
            });
            // Not ended(): it would start the next, refused alike, as deep as the room is long.
            leftUnderWay(delivery);
            stop();
        }
    }

    /** The application stops: what still waits is not shipped, and says so. */
    @PreDestroy
    synchronized void stop() {
        int dropped = waitingCount();
        if (dropped > 0) {
            LOG.log(Level.WARNING, "{0} log deliveries were not shipped: the application stopped", dropped);
        }
        waiting.clear();
    }

    private void ended(Delivery delivery) {
        List<Delivery> starting;
        synchronized (this) {
            leftUnderWay(delivery);
            starting = takeTurns();
        }
        starting.forEach(this::start);
    }

    private void ship(Delivery delivery) {
        ActivationView activation = delivery.activation();
        try {
            shipper.ship(
                    delivery.destination(),
                    delivery.access().shown(activation),
                    delivery.access() instanceof ActivationAccess.Whole
                            ? records
                                    .ofActivation(
                                            activation.id(),
                                            InvocationRecordEntity.LOG,
                                            Limits.MAX_RECORDS_PER_INVOCATION)
                                    .stream()
                                    .map(Views::logLine)
                                    .toList()
                            : List.of());
        } catch (LogShipper.LogShippingException e) {
            LOG.log(Level.WARNING, "the logs of activation {0} did not reach {1}: {2}", new Object[] {
                activation.id(), delivery.destination().endpoint().getHost(), e.getMessage()
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the logs of activation " + activation.id() + " were not shipped", e);
        }
    }
}
