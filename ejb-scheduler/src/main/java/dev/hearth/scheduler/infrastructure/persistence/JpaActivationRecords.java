package dev.hearth.scheduler.infrastructure.persistence;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.scheduler.application.ActivationRecords;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Activation records written behind the answer (docs/adr/0037-activations-written-behind.md): an
 * invocation hands its record over and answers; a thread of this bean's own lets records gather
 * for {@link #GATHER_NANOS} and writes them in one transaction, so that under load many records
 * share a commit (docs/adr/0042-activation-batches-gather.md). Every read of
 * activation records on this member flushes first ({@link #flush()}), so that a caller reads its
 * answer's activation at once; other members see it once the write commits. Flushed when the
 * application stops; what a crash of this member takes with it is the records not written yet.
 */
@ApplicationScoped
public class JpaActivationRecords implements ActivationRecords {

    /** Records per transaction: bounds one commit's size and how long a reader's flush may wait. */
    static final int BATCH = 500;

    /**
     * Records waiting at most; beyond, an invocation writes them itself before it answers, so that a
     * database slower than the invocations slows them down instead of filling the memory.
     */
    static final int MAX_PENDING = 20 * BATCH;

    /** How long the writer sleeps with nothing to write before it looks again, should a wake-up be missed. */
    private static final long IDLE_NANOS = 100_000_000L;

    /**
     * How long the writer lets records gather once the first arrives (or until a batch is full):
     * under load the invocations answered meanwhile share one transaction instead of each paying
     * its own (docs/adr/0042-activation-batches-gather.md).
     */
    static final long GATHER_NANOS = 10_000_000L;

    private static final Logger LOG = Logger.getLogger(JpaActivationRecords.class.getName());

    private final Queue<ActivationEntity> pending = new ConcurrentLinkedQueue<>();
    /** How many records {@link #pending} holds ({@code size()} of the queue counts them one by one). */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Held while records taken from the queue are written: a reader's flush waits for them. */
    private final ReentrantLock writing = new ReentrantLock();

    @Resource
    ManagedThreadFactory managedThreads;

    @Inject
    JpaActivationBatches batches;

    private final long gatherNanos;
    private Consumer<List<ActivationEntity>> writer;
    private Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopping;

    /** CDI's; the writer and its thread are the container's, made once injected. */
    public JpaActivationRecords() {
        this.gatherNanos = GATHER_NANOS;
    }

    JpaActivationRecords(Consumer<List<ActivationEntity>> writer, long gatherNanos) {
        this.writer = writer;
        this.gatherNanos = gatherNanos;
    }

    /**
     * One thread of the container's, made once: handing a task to the managed executor per write
     * captured the request's context each time, which JFR found cost as much as the write saved.
     */
    @PostConstruct
    void startWithContainer() {
        writer = batches::write;
        start(managedThreads);
    }

    void start(ThreadFactory threads) {
        thread = threads.newThread(this::writeUntilStopped);
        thread.start();
    }

    /** Takes the record; it is written soon after, with the others that gathered meanwhile. */
    @Override
    public void add(ActivationEntity activation) {
        pending.add(activation);
        int count = waiting.incrementAndGet();
        if (count > MAX_PENDING) {
            flush();
        } else if (sleeping || count == BATCH) {
            LockSupport.unpark(thread);
        }
    }

    /** Writes every record taken before this call; returns once they are committed (or failed). */
    public void flush() {
        if (waiting.get() == 0 && !writing.isLocked()) {
            return;
        }
        writing.lock();
        try {
            for (List<ActivationEntity> batch = next(); !batch.isEmpty(); batch = next()) {
                write(batch);
            }
        } finally {
            writing.unlock();
        }
    }

    /** Stops the thread and writes what is left. */
    @PreDestroy
    void stop() {
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void writeUntilStopped() {
        while (!stopping) {
            sleeping = true;
            // Looked at again after saying so: a record added before it found the thread awake.
            if (pending.isEmpty() && !stopping) {
                LockSupport.parkNanos(this, IDLE_NANOS);
            }
            sleeping = false;
            if (!pending.isEmpty()) {
                gather();
                flush();
            }
        }
    }

    /** Waits {@link #GATHER_NANOS} for more records, less once a batch is full or the bean stops. */
    private void gather() {
        long deadline = System.nanoTime() + gatherNanos;
        for (long left = gatherNanos;
                left > 0 && !stopping && waiting.get() < BATCH;
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private List<ActivationEntity> next() {
        List<ActivationEntity> batch = new ArrayList<>();
        for (ActivationEntity record = pending.poll(); record != null; record = pending.poll()) {
            waiting.decrementAndGet();
            batch.add(record);
            if (batch.size() == BATCH) {
                break;
            }
        }
        return batch;
    }

    /**
     * A batch that fails is written record by record, so that one bad record costs only itself;
     * while the database is down the records are lost, each logged with its id.
     */
    private void write(List<ActivationEntity> batch) {
        try {
            writer.accept(batch);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                LOG.log(
                        Level.WARNING,
                        "activation " + batch.get(0).id() + " could not be stored: " + batchFailure.getMessage());
                return;
            }
            batch.forEach(record -> write(List.of(record)));
        }
    }
}
