package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The stem cells of a warming-pool instance: an untrusted and a trusted container started before
 * any function is known, their runtime process up and waiting to be staged (docs/adr/0011). The
 * first invocation takes those that fit its portions; the others are stopped once it ran.
 */
final class StemCells {

    /**
     * What a stem cell is started with, the policy's defaults: a function that asks for another
     * /tmp size gets containers of its own (the size of a mounted tmpfs is fixed); its memory,
     * processes and CPU are set on the stem's cgroup when it is staged.
     */
    static final long TMP_BYTES = 16L << 20;

    static final long MEMORY_BYTES = 128L << 20;
    static final int MAX_PROCESSES = 32;

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** A stem cell for {@code runtime}; the host folder {@code taskDir} is its {@code /var/task}. */
    record Stem(String runtime, Launched launched, Path taskDir) {}

    /** Starts one stem cell. */
    @FunctionalInterface
    interface Starter {
        Stem start(boolean trusted) throws DriverException;
    }

    private final String instanceId;
    private volatile List<Stem> stems = List.of();

    StemCells(String instanceId) {
        this.instanceId = instanceId;
    }

    /** What a stem cell runs until it is staged. */
    static Workload workload(boolean trusted) {
        return new Workload(
                SandboxCommands.STEM_RUNTIME, "", "", "", trusted, "", (int) (MEMORY_BYTES >> 20), Map.of());
    }

    /** How many are held. */
    int count() {
        return stems.size();
    }

    /**
     * Starts an untrusted and a trusted stem cell, one after the other (two runtimes starting at
     * once would take both cores of a small host), each awaited until it waits to be staged. One
     * that does not get there is stopped: the invocation that would have used it starts a
     * container of its own.
     */
    void grow(Starter starter, long timeoutMillis) throws InterruptedException {
        List<Stem> ready = new ArrayList<>();
        for (boolean trusted : List.of(false, true)) {
            Stem stem;
            try {
                stem = starter.start(trusted);
            } catch (DriverException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot start a stem cell in instance {0}: {1}",
                        instanceId,
                        e.getMessage());
                continue;
            }
            boolean waiting;
            try {
                waiting = stem.launched().container().awaitStem(timeoutMillis);
            } catch (InterruptedException e) {
                stem.launched().stop();
                ready.forEach(s -> s.launched().stop());
                throw e;
            }
            if (waiting) {
                ready.add(stem);
            } else {
                stem.launched().stop();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "stem cell {0} of instance {1} did not start; see its log",
                        stem.launched().name(),
                        instanceId);
            }
        }
        stems = List.copyOf(ready);
    }

    /** A stem cell that can take this portion, no longer held as a stem; null if there is none. */
    Stem take(String runtime, boolean trusted, long tmpBytes) {
        for (Stem stem : stems) {
            if (stem.runtime().equals(runtime)
                    && stem.launched().trusted() == trusted
                    && tmpBytes == TMP_BYTES
                    && stem.launched().container().waitingAsStem()) {
                stems = stems.stream().filter(s -> s != stem).toList();
                return stem;
            }
        }
        return null;
    }

    /** Stops the stem cells still held, on {@code executor}. */
    void stopAll(Executor executor) {
        List<Stem> unused = stems;
        stems = List.of();
        executor.execute(() -> unused.forEach(stem -> stem.launched().stop()));
    }

    /** Closes what the agent serves them; they go with the instance's cgroup. */
    void releaseAll() {
        stems.forEach(stem -> stem.launched().release());
    }
}
