package dev.hearth.hypervisor.host.driver;

import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.protocol.wire.InvokeRequest;

/**
 * One portion's container as {@link InvocationEngine} drives it; its driver says how. Called by
 * one thread at a time (the invoking thread, or a portion call under that portion's lock).
 */
public interface PortionContainer {

    /** Waits until its runtime first asks for work: null then, else how its init failed. */
    Run awaitInit(long timeoutMillis) throws InterruptedException;

    /**
     * Readies it for the invocation {@code request}: a trusted portion's credential and secrets,
     * its egress route. Unless it is the {@code entry} (whose own run tells its limits), notes
     * what {@link #limitHitSinceOpen} compares with.
     */
    void open(InvokeRequest request, boolean entry) throws DriverException;

    /**
     * Hands {@code event} to its runtime and waits for the reply for at most {@code timeoutMillis};
     * a runtime that does not answer in time is ended.
     */
    Run deliver(PendingEvent event, long timeoutMillis) throws DriverException, InterruptedException;

    /** After the invocation: takes back what {@link #open} handed it and closes its way out. */
    void close() throws DriverException;

    /** The limit its cgroup saw hit since {@link #open} (not asked of the entry). */
    Outcome.LimitHit limitHitSinceOpen();

    /** How many egress attempts its proxy refused so far; 0 where it has none. */
    long egressDenials();

    /** Whether its runtime waits for work. */
    boolean idle();

    /** Stops it and closes what the agent serves it; safe to call twice. */
    void stop() throws InterruptedException;

    /** Closes what the agent serves it, for an instance being destroyed (the container goes with it). */
    void release();
}
