package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.persistence.BulkJobResultEntity;
import dev.hearth.persistence.FunctionEntity;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkChunkRunnerTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<BulkJobResultEntity> stored = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();
    /** The function the job was started on. */
    private final FunctionEntity started = new FunctionEntity("f", "dev", OffsetDateTime.now());
    /** The functions as stored now, by name. */
    private final List<FunctionEntity> functions = new ArrayList<>(List.of(started));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aChunkRunsEveryRecordOnceAtMostConcurrencyAtOnceAndStoresItsResultsInOrder() throws IOException {
        // Three at a time meet here: fewer at once never get past it, a fourth would be counted.
        CyclicBarrier three = new CyclicBarrier(3);
        BulkChunkRunner runner = runner(3, (caller, event) -> {
            assertEquals("dev", caller.username());
            assertEquals(Set.of("developer"), caller.roles());
            assertTrue(caller.token().isEmpty(), "no token");
            try {
                three.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("fewer than 3 ran at once", e);
            }
            return event;
        });

        runner.run("job", records(20, 9));

        assertEquals(3, mostAtOnce.get(), "3 at once, never more");
        assertEquals(1, stored.size());
        BulkJobResultEntity chunk = stored.get(0);
        assertEquals(20, chunk.firstIndex());
        assertEquals(9, chunk.recordCount());
        assertEquals(9, chunk.succeeded());
        List<JsonObject> lines = lines(chunk);
        assertEquals(
                IntStream.range(20, 29).boxed().toList(),
                lines.stream().map(l -> l.getInt("index")).toList());
        assertEquals(25, lines.get(5).getJsonObject("result").getInt("i"));
    }

    @Test
    void aChunkKeepsTheResultOfARecordAHelperIsStillInvoking() throws Exception {
        // The chunk's own thread finishes its record while a helper's invocation is under way; a
        // running helper's result must be stored with the chunk. Storing it early releases the
        // helper at once; otherwise the helper waits a second, in vain, before it returns.
        Thread chunkThread = Thread.currentThread();
        CountDownLatch helperInvoking = new CountDownLatch(1);
        CountDownLatch resultsStored = new CountDownLatch(1);
        BulkChunkRunner runner = runner(2, (caller, event) -> {
            try {
                if (Thread.currentThread() == chunkThread) {
                    assertTrue(helperInvoking.await(30, TimeUnit.SECONDS), "a helper took a record");
                } else {
                    helperInvoking.countDown();
                    resultsStored.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return event;
        });
        runner.jobs = storing(resultsStored);

        runner.run("job", records(0, 2));

        assertEquals(1, stored.size());
        assertEquals(2, stored.get(0).recordCount(), "the helper's record too");
        assertEquals(
                List.of(0, 1),
                lines(stored.get(0)).stream().map(l -> l.getInt("index")).toList());
    }

    @Test
    void aRecordHearthRefusesIsAFailedLineWithTheProblemsType() throws IOException {
        BulkChunkRunner runner = runner(2, (caller, event) -> {
            if (event.contains("\"i\": 1}")) {
                throw new HearthException(ProblemType.TOO_MANY_REQUESTS, "busy");
            }
            return event;
        });

        runner.run("job", records(0, 3));

        BulkJobResultEntity chunk = stored.get(0);
        assertEquals(2, chunk.succeeded());
        assertEquals(1, chunk.failed());
        JsonObject refused = lines(chunk).get(1);
        assertEquals("too-many-requests", refused.getString("status"));
        assertEquals("busy", refused.getString("result"));
        assertTrue(refused.isNull("activationId"));
    }

    @Test
    void aChunkWhoseFunctionWasDeletedAndTheNameDeployedAfreshRunsNothingAndFailsTheJob() {
        BulkChunkRunner runner = runner(2, (caller, event) -> event);
        functions.set(0, new FunctionEntity("f", "dev2", OffsetDateTime.now()));

        HearthException replaced = assertThrows(HearthException.class, () -> runner.run("job", records(10, 10)));
        assertEquals(ProblemType.FUNCTION_CHANGED, replaced.type());
        assertEquals(
                "function 'f' was deleted since job job started; its records run on no other function, also not"
                        + " one deployed afresh under its name",
                replaced.getMessage());
        functions.clear();
        HearthException deleted = assertThrows(HearthException.class, () -> runner.run("job", records(10, 10)));
        assertEquals(ProblemType.FUNCTION_CHANGED, deleted.type());

        assertEquals(0, invocations.get(), "no record sent anywhere");
        assertTrue(stored.isEmpty(), "no result: the job fails instead");
    }

    private interface Function {
        String run(dev.hearth.security.Caller caller, String event);
    }

    private BulkChunkRunner runner(int concurrency, Function function) {
        BulkChunkRunner runner = new BulkChunkRunner();
        runner.concurrency = concurrency;
        runner.executor = managed(threads);
        runner.jobs = repository();
        runner.functions = new FunctionsToRun();
        runner.functions.functions = InMemorySchedules.functions(functions);
        runner.invocations = new InvocationService() {
            @Override
            public InvocationOutcome invoke(
                    dev.hearth.security.Caller caller,
                    String name,
                    String event,
                    dev.hearth.domain.function.PolicyOverride override,
                    dev.hearth.domain.function.LogDestination logs) {
                throw new UnsupportedOperationException("a bulk job's record runs deferred, by identity");
            }

            @Override
            public InvocationOutcome invokeDeferred(
                    dev.hearth.security.Caller caller,
                    String name,
                    String functionId,
                    String event,
                    String activationId) {
                assertEquals(started.functionId(), functionId, "the function the job was started on");
                assertEquals(null, activationId, "its activation made and stored by the invocation");
                invocations.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    String payload = function.run(caller, event);
                    return new InvocationOutcome(
                            new ActivationView(
                                    "a-" + event.hashCode(),
                                    name,
                                    "dev",
                                    "dev",
                                    "i",
                                    "h",
                                    "warm",
                                    "success",
                                    OffsetDateTime.now(),
                                    0,
                                    0,
                                    0,
                                    "",
                                    null,
                                    false,
                                    null),
                            payload);
                } finally {
                    running.decrementAndGet();
                }
            }
        };
        return runner;
    }

    private BulkJobRepository repository() {
        return storing(new CountDownLatch(1));
    }

    /** Keeps what a chunk stores in {@code stored}, and counts {@code stores} down then. */
    private BulkJobRepository storing(CountDownLatch stores) {
        BulkJobEntity job = new BulkJobEntity(
                "job", "f", started.functionId(), "dev", Set.of("developer"), 30, OffsetDateTime.now());
        return (BulkJobRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BulkJobRepository.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "find":
                            return Optional.of(job);
                        case "putResults":
                            stored.add((BulkJobResultEntity) args[0]);
                            stores.countDown();
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** The managed executor's submit, on plain threads. */
    private static ManagedExecutorService managed(ExecutorService threads) {
        return (ManagedExecutorService) Proxy.newProxyInstance(
                BulkChunkRunnerTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    try {
                        return ExecutorService.class
                                .getMethod(method.getName(), method.getParameterTypes())
                                .invoke(threads, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<BulkJobRecordEntity> records(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new BulkJobRecordEntity("job", i, "{\"i\": " + i + "}"))
                .toList();
    }

    private static List<JsonObject> lines(BulkJobResultEntity chunk) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(chunk.linesGzip()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(l -> Json.createReader(new StringReader(l)).readObject())
                    .toList();
        }
    }
}
