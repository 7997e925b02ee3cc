package dev.hearth.hypervisor.host.qemu;

import dev.hearth.hypervisor.host.driver.ContainerState;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.driver.PortionContainer;
import dev.hearth.hypervisor.host.driver.Run;
import dev.hearth.hypervisor.host.runtimeapi.ErrorDocument;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeReply;
import dev.hearth.hypervisor.host.runtimeapi.RuntimeSession;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.PortionSpec;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One portion's container in the guest, as the host tracks it: started and stopped by messages on
 * the {@link GuestLink}, which reports its start and its end (exit status and cgroup counters);
 * its Runtime API is a server of its own on the host. A trusted portion's credential and secrets
 * are handed to the guest per invocation and taken back after it.
 */
final class GuestContainer implements PortionContainer {

    /** How long the guest may take to report a container it was told to stop as ended. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;

    /** How the guest reported a container's end: its exit status and its cgroup's counters. */
    record Exit(int status, boolean stopped, long oomKills, long forksRefused) {

        /** The limit the container's cgroup saw hit; none when the guest did not report its end. */
        static Outcome.LimitHit limitHit(Exit exit) {
            return exit == null ? Outcome.LimitHit.NONE : Outcome.LimitHit.of(exit.oomKills(), exit.forksRefused());
        }
    }

    /** Made once: each {@code Json.create...} call looks the provider up through a ServiceLoader. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    final int id;
    final PortionSpec spec;
    final RuntimeApiServer runtimeApi;
    final RuntimeSession session = new RuntimeSession();
    /** Completes with null once the guest started it, or with the guest's reason for not starting it. */
    final CompletableFuture<String> started = new CompletableFuture<>();

    final CompletableFuture<Exit> exited = new CompletableFuture<>();
    volatile ContainerState state;
    private final QemuInstance instance;
    private final int memoryMb;

    GuestContainer(int id, PortionSpec spec, RuntimeApiServer runtimeApi, QemuInstance instance, int memoryMb) {
        this.id = id;
        this.spec = spec;
        this.runtimeApi = runtimeApi;
        this.instance = instance;
        this.memoryMb = memoryMb;
        this.state = new ContainerState.Starting(System.nanoTime());
        runtimeApi.attach(session);
    }

    private boolean trusted() {
        return "trusted".equals(spec.trustLevel());
    }

    @Override
    public boolean idle() {
        return state instanceof ContainerState.Idle && !exited.isDone();
    }

    @Override
    public Run awaitInit(long timeoutMillis) throws InterruptedException {
        await(CompletableFuture.anyOf(session.ready(), session.initError(), exited, refusedStart()), timeoutMillis);
        if (session.ready().isDone() && !session.initError().isDone() && !exited.isDone()) {
            state = state.initialised(System.nanoTime());
            return null;
        }
        if (session.initError().isDone()) {
            return new Run(Outcome.INIT_ERROR, session.initError().getNow(""), 0, "");
        }
        String refused = started.getNow(null);
        Exit exit = exited.getNow(null);
        if (refused == null && exit == null) {
            return new Run(
                    Outcome.TIMED_OUT,
                    Run.failureDocument(
                            Outcome.TIMED_OUT,
                            Outcome.Phase.INIT,
                            QemuInstance.INIT_TIMEOUT_MILLIS,
                            memoryMb,
                            "unknown"),
                    0,
                    "");
        }
        Outcome outcome = Outcome.ofFailure(Outcome.Phase.INIT, Outcome.Ending.EXITED, Exit.limitHit(exit));
        String document = refused != null
                ? ErrorDocument.of(
                        "the guest could not start the container of portion " + spec.name() + ": " + refused,
                        "Sandbox." + outcome.wireName())
                : Run.failureDocument(outcome, Outcome.Phase.INIT, 0, memoryMb, Integer.toString(exit.status()));
        return new Run(outcome, document, 0, "");
    }

    /** Completes when the guest refused to start the container. */
    private CompletableFuture<Object> refusedStart() {
        CompletableFuture<Object> refused = new CompletableFuture<>();
        started.thenAccept(error -> {
            if (error != null) {
                refused.complete(error);
            }
        });
        return refused;
    }

    @Override
    public void open(InvokeRequest request, boolean entry) throws DriverException {
        if (trusted()) {
            handCredential(request.credential(), request.secretsOf(spec.name()));
        }
    }

    @Override
    public void close() throws DriverException {
        if (trusted()) {
            handCredential(null, Map.of());
        }
    }

    /** Replaces (or, with null, removes) its credential file in the guest, and makes its secret files {@code secrets}. */
    private void handCredential(String credential, Map<String, String> secrets) throws DriverException {
        try {
            JsonObjectBuilder message =
                    JSON.createObjectBuilder().add("op", "credential").add("runtime", id);
            message = credential == null ? message.addNull("value") : message.add("value", credential);
            instance.link().control(message.build());
            JsonObjectBuilder values = JSON.createObjectBuilder();
            secrets.forEach(values::add);
            instance.link()
                    .control(JSON.createObjectBuilder()
                            .add("op", "secrets")
                            .add("runtime", id)
                            .add("values", values)
                            .build());
        } catch (IOException e) {
            // Names the instance only: never a secret's value.
            throw new DriverException("cannot hand the credential or secrets to instance " + instance.id(), e);
        }
    }

    @Override
    public Run deliver(PendingEvent event, long timeoutMillis) throws InterruptedException {
        state = state.busy(event.requestId());
        long startedNanos = System.nanoTime();
        CompletableFuture<RuntimeReply> reply = session.submit(event);
        await(CompletableFuture.anyOf(reply, exited), timeoutMillis);
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        RuntimeReply answer = reply.getNow(null);
        if (answer != null) {
            state = state.done();
            return new Run(answer.error() ? Outcome.ERROR : Outcome.SUCCESS, answer.body(), millis, "");
        }
        session.abandon(event.requestId());
        boolean timedOut = !exited.isDone();
        Exit exit = timedOut ? stopInGuest() : exited.getNow(null);
        state = state.exited(timedOut ? "timed out" : "exited");
        Outcome failure = Outcome.ofFailure(
                Outcome.Phase.INVOCATION,
                timedOut ? Outcome.Ending.TIMED_OUT : Outcome.Ending.EXITED,
                Exit.limitHit(exit));
        String status = exit == null ? "unknown" : Integer.toString(exit.status());
        return new Run(
                failure,
                Run.failureDocument(failure, Outcome.Phase.INVOCATION, timeoutMillis, memoryMb, status),
                millis,
                "");
    }

    @Override
    public Outcome.LimitHit limitHitSinceOpen() {
        return Exit.limitHit(exited.getNow(null));
    }

    @Override
    public long egressDenials() {
        return 0; // the VM has no network device
    }

    @Override
    public void stop() throws InterruptedException {
        stopInGuest();
        runtimeApi.close();
    }

    @Override
    public void release() {
        runtimeApi.close();
    }

    /**
     * Stops it, if it still runs, and waits for the guest to report its end; kills the VM when
     * the guest does not answer. Returns what the guest reported, or null.
     */
    private Exit stopInGuest() throws InterruptedException {
        session.close();
        GuestLink link = instance.link();
        if (!exited.isDone() && !link.closed()) {
            try {
                link.control(JSON.createObjectBuilder()
                        .add("op", "stop")
                        .add("runtime", id)
                        .build());
            } catch (IOException e) {
                // The link is gone; the wait below fails and the VM is killed.
            }
            await(exited, STOP_TIMEOUT_MILLIS);
        }
        if (!exited.isDone()) {
            instance.guestDoesNotAnswer();
        }
        state = state.exited("stopped");
        return exited.getNow(null);
    }

    static void await(CompletableFuture<?> future, long timeoutMillis) throws InterruptedException {
        try {
            future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The caller reads what happened from the futures.
        }
    }
}
