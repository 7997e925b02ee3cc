package dev.hearth.hypervisor.host.runtimeapi;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Runtime API conversation with one container's runtime: events go in, replies come out.
 * {@link #ready()} completes on the runtime's first {@code /next} (its init is done), {@link
 * #initError()} when it reports an init error. A stem cell's runtime first asks what to run
 * ({@code GET /2018-06-01/hearth/stem}): {@link #stemWaiting()} completes then, and {@link
 * #stage} answers it. Closing it releases a runtime blocked in {@code /next} or in that request.
 */
public final class RuntimeSession {

    /**
     * Queued last by {@link #close}: wakes a runtime blocked in {@code /next} without a poll per
     * idle container, and stays queued for any runtime that asks again.
     */
    private static final PendingEvent CLOSED = new PendingEvent("", "", 0, "", "");

    private final BlockingQueue<PendingEvent> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<RuntimeReply>> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> stemWaiting = new CompletableFuture<>();
    private final CompletableFuture<String> staging = new CompletableFuture<>();

    public CompletableFuture<Void> ready() {
        return ready;
    }

    public CompletableFuture<String> initError() {
        return initError;
    }

    public CompletableFuture<Void> stemWaiting() {
        return stemWaiting;
    }

    /** Answers the stem cell's runtime with {@code document}: what to run, and how. */
    public void stage(String document) {
        staging.complete(document);
    }

    /** Blocks until the stem cell is staged; its document then, null once the session is closed. */
    String awaitStaging() throws InterruptedException {
        stemWaiting.complete(null);
        try {
            return staging.get();
        } catch (ExecutionException e) {
            return null; // closed
        }
    }

    /** Queues an event; the future completes with the runtime's reply. */
    public CompletableFuture<RuntimeReply> submit(PendingEvent event) {
        CompletableFuture<RuntimeReply> reply = new CompletableFuture<>();
        inFlight.put(event.requestId(), reply);
        events.add(event);
        return reply;
    }

    /** Forgets an invocation that ended without a reply (timed out, crashed). */
    public void abandon(String requestId) {
        inFlight.remove(requestId);
        events.removeIf(e -> e != CLOSED && e.requestId().equals(requestId));
    }

    /** Blocks until there is an event; null once the session is closed. */
    PendingEvent next() throws InterruptedException {
        ready.complete(null);
        PendingEvent event = events.take();
        if (event == CLOSED) {
            events.add(CLOSED);
            return null;
        }
        return event;
    }

    /** Whether an invocation waits for a reply with this request id. */
    boolean awaits(String requestId) {
        return inFlight.containsKey(requestId);
    }

    /** Delivers the runtime's reply; false if no invocation waits for that request id. */
    boolean reply(String requestId, RuntimeReply reply) {
        CompletableFuture<RuntimeReply> waiting = inFlight.remove(requestId);
        return waiting != null && waiting.complete(reply);
    }

    void failInit(String errorDocument) {
        initError.complete(errorDocument);
    }

    public void close() {
        staging.completeExceptionally(new IllegalStateException("session closed"));
        events.add(CLOSED);
    }
}
