package dev.hearth.hypervisor.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.hypervisor.host.runtimeapi.PortionCalls;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The invocation flow over a driver that only records what it is asked (no containers, no root). */
class InvocationEngineTest {

    /** What the fake runtime answers: its outcome, or an init failure. */
    private Outcome nextOutcome = Outcome.SUCCESS;

    private Run failedInit;
    private String refusal;
    private final List<String> log = new ArrayList<>();
    private final List<String> published = new ArrayList<>();

    private final class FakeContainer implements PortionContainer {
        final String name;
        boolean stopped;
        boolean busy;

        FakeContainer(String name) {
            this.name = name;
        }

        @Override
        public Run awaitInit(long timeoutMillis) {
            return failedInit;
        }

        @Override
        public void open(InvokeRequest request, boolean entry) {
            log.add("open " + name + (entry ? " as the entry" : ""));
        }

        @Override
        public Run deliver(PendingEvent event, long timeoutMillis) {
            log.add("deliver " + event.event() + " to " + name);
            return new Run(nextOutcome, "{\"echo\":" + event.event() + "}", 3, "out of " + name + "\n");
        }

        @Override
        public void close() {
            log.add("close " + name);
        }

        @Override
        public Outcome.LimitHit limitHitSinceOpen() {
            return Outcome.LimitHit.NONE;
        }

        @Override
        public long egressDenials() {
            return 0;
        }

        @Override
        public boolean idle() {
            return !stopped && !busy;
        }

        @Override
        public void stop() {
            stopped = true;
            log.add("stop " + name);
        }

        @Override
        public void release() {
            log.add("release " + name);
        }
    }

    private final ContainerHost<FakeContainer> host = new ContainerHost<>() {
        @Override
        public long initTimeoutMillis() {
            return 1_000;
        }

        @Override
        public String admit(ContainerKey wanted) {
            return refusal;
        }

        @Override
        public FakeContainer start(
                Invocation invocation, ContainerKey wanted, PortionSpec spec, int index, PortionCalls calls) {
            log.add("start " + spec.name() + (calls == null ? "" : " calling others"));
            return new FakeContainer(spec.name());
        }

        @Override
        public boolean resume(Collection<FakeContainer> containers) {
            log.add("resume " + containers.size());
            return true;
        }

        @Override
        public void pause(Collection<FakeContainer> containers) {
            log.add("pause " + containers.size());
        }

        @Override
        public long logMark() {
            return 0;
        }

        @Override
        public String logsSince(long mark) {
            return "";
        }

        @Override
        public boolean alive() {
            return true;
        }

        @Override
        public void tearDown() {
            log.add("tear down");
        }
    };

    private final Executor inline = Runnable::run;
    private final InvocationEngine<FakeContainer> engine =
            new InvocationEngine<>("i-1", host, (type, instance, detail) -> published.add(type), inline);

    private static Invocation invocation(String requestId, String code, String event) {
        List<PortionSpec> portions = List.of(
                PortionSpec.of("front", "front", "app.handler", "untrusted"),
                PortionSpec.of("back", "back", "app.handler", "trusted"));
        InvokeRequest request = InvokeRequest.withoutSecrets(
                requestId,
                "hello",
                code,
                "python3",
                "front",
                portions,
                Map.of(),
                ResourceLimits.of(128, 1_000, 16, 16),
                event,
                "token",
                List.of(),
                null,
                List.of());
        return new Invocation(requestId, request, portions.get(0), Path.of("/code"));
    }

    @Test
    void startsOneContainerPerPortionThenReusesThemWhileTheFunctionIsTheSame() throws Exception {
        InvokeResult first = engine.invoke(invocation("r1", "aaa", "1"));
        log.clear();
        InvokeResult second = engine.invoke(invocation("r2", "aaa", "2"));

        assertTrue(first.containersCreated());
        assertEquals("success", first.status());
        assertEquals("{\"echo\":1}", first.payload());
        assertFalse(second.containersCreated());
        assertEquals(
                List.of(
                        "resume 2",
                        "open front as the entry",
                        "open back",
                        "deliver 2 to front",
                        "close front",
                        "close back",
                        "pause 2"),
                inOrder(log));
        assertEquals("out of front\n", second.logTail());
    }

    @Test
    void anotherFunctionGetsNewContainersAndOnlyTheEntryCallsTheOthers() throws Exception {
        engine.invoke(invocation("r1", "aaa", "1"));
        log.clear();
        engine.invoke(invocation("r2", "bbb", "2"));

        assertTrue(log.containsAll(List.of("stop front", "stop back", "start front calling others", "start back")));
    }

    @Test
    void aFailedInitIsTheResultAndLeavesNoContainer() throws Exception {
        failedInit = new Run(Outcome.INIT_ERROR, "{\"errorType\":\"Runtime.ImportModuleError\"}", 0, "trace\n");

        InvokeResult result = engine.invoke(invocation("r1", "aaa", "1"));

        assertEquals("init_error", result.status());
        assertEquals("trace\n", result.logTail());
        assertTrue(log.containsAll(List.of("stop front", "stop back")));
        assertFalse(log.stream().anyMatch(line -> line.startsWith("deliver")));
    }

    @Test
    void aLimitHitIsReportedAndTheContainersAreNotTrustedAgain() throws Exception {
        nextOutcome = Outcome.TIMED_OUT;

        InvokeResult result = engine.invoke(invocation("r1", "aaa", "1"));
        nextOutcome = Outcome.SUCCESS;
        InvokeResult next = engine.invoke(invocation("r2", "aaa", "2"));

        assertEquals("timed_out", result.status());
        assertEquals(List.of(EventSink.TIMED_OUT), published);
        assertTrue(next.containersCreated(), "the next invocation starts new containers");
    }

    @Test
    void aFunctionTheInstanceCannotRunIsAnInitErrorNamingWhy() throws Exception {
        refusal = "at most 8 portions";

        InvokeResult result = engine.invoke(invocation("r1", "aaa", "1"));

        assertEquals("init_error", result.status());
        assertEquals(
                "{\"errorMessage\":\"at most 8 portions\",\"errorType\":\"Hearth.Unsupported\"}", result.payload());
        assertFalse(log.stream().anyMatch(line -> line.startsWith("start")));
    }

    @Test
    void aDestroyedInstanceStopsItsContainersAndTakesNoMoreWork() throws Exception {
        engine.invoke(invocation("r1", "aaa", "1"));

        engine.destroy();

        assertFalse(engine.alive());
        assertTrue(log.containsAll(List.of("release front", "tear down", "stop front", "stop back")));
        DriverException refused =
                assertThrows(DriverException.class, () -> engine.invoke(invocation("r2", "aaa", "2")));
        assertTrue(refused.getMessage().contains("destroyed"), refused.getMessage());
    }

    /** The log with the two portions' lines in a fixed order (containers are held unordered). */
    private static List<String> inOrder(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            String a = sorted.get(i);
            String b = sorted.get(i + 1);
            if (a.equals("open back") && b.startsWith("open front")
                    || a.equals("close back") && b.equals("close front")) {
                sorted.set(i, b);
                sorted.set(i + 1, a);
            }
        }
        return sorted;
    }
}
