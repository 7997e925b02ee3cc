package dev.hearth.scheduler.application;

import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.persistence.BulkJobResultEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one chunk of a bulk job: each record one deferred invocation of the function the job was
 * started on, by its identity (docs/adr/0057), as the job's owner with the roles recorded at its
 * start and no token (ADR 30), at most {@code hearth.jobs.concurrency} at once, then stores the
 * chunk's results. A chunk whose function is no longer the one the job was started on (deleted,
 * perhaps deployed afresh under its name by anyone) runs nothing and fails the job: the rest of its
 * records would only fail one by one. The chunk's own thread invokes too, so a chunk makes
 * progress even when no thread of the executor is free. Each record's line is compressed as soon
 * as its invocation returns, its result's text as it is: a chunk holds its results as gzip bytes
 * until it ends, never as JSON trees (docs/adr/0050).
 */
@ApplicationScoped
public class BulkChunkRunner {

    /** Defined on {@link DefaultBulkJobService}: a resource definition needs a component class. */
    static final String EXECUTOR = "java:app/concurrent/hearth-bulk-invocations";

    @Inject
    InvocationService invocations;

    @Inject
    FunctionsToRun functions;

    @Inject
    BulkJobRepository jobs;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "hearth.jobs.concurrency", defaultValue = "4")
    int concurrency;

    public void run(String jobId, List<BulkJobRecordEntity> records) {
        if (records.isEmpty()) {
            return;
        }
        BulkJobEntity job = jobs.find(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        Optional<String> gone = functionGone(job, functions.find(job.functionName()));
        if (gone.isPresent()) {
            throw new HearthException(ProblemType.FUNCTION_CHANGED, gone.get());
        }
        Caller caller = new Caller(job.owner(), job.roles());
        Queue<BulkJobRecordEntity> pending = new ConcurrentLinkedQueue<>(records);
        Queue<Written> results = new ConcurrentLinkedQueue<>();
        Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(records.size());
        Runnable worker = () -> {
            for (BulkJobRecordEntity record = pending.poll(); record != null; record = pending.poll()) {
                try {
                    results.add(Written.of(invoke(caller, job, record)));
                } catch (RuntimeException e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(Math.max(1, concurrency), records.size()); i++) {
            helpers.add(executor.submit(worker));
        }
        worker.run();
        awaitEveryRecord(finished);
        // A helper the executor has not started yet would find nothing left to do.
        helpers.forEach(helper -> helper.cancel(false));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a chunk's invocation failed", failures.peek());
        }
        List<Written> ordered =
                results.stream().sorted(Comparator.comparingInt(Written::index)).toList();
        int succeeded = (int) ordered.stream().filter(Written::succeeded).count();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ordered.forEach(written -> content.writeBytes(written.gzipMember()));
        jobs.putResults(new BulkJobResultEntity(
                jobId,
                records.get(0).index(),
                ordered.size(),
                succeeded,
                ordered.size() - succeeded,
                content.toByteArray()));
    }

    /**
     * Why the job's records run no more, when {@code current}, the function its name stands for
     * now, is not the one it was started on; empty while it is.
     */
    static Optional<String> functionGone(BulkJobEntity job, Optional<FunctionEntity> current) {
        if (current.filter(job::startedOn).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("function '" + job.functionName() + "' was deleted since job " + job.id()
                + " started; its records run on no other function, also not one deployed afresh under its name");
    }

    /** A record's result as its line of the results file, alone in a gzip member. */
    private record Written(int index, boolean succeeded, byte[] gzipMember) {

        static Written of(RecordResult result) {
            return new Written(result.index(), result.succeeded(), RecordResult.gzipMember(List.of(result)));
        }
    }

    private RecordResult invoke(Caller caller, BulkJobEntity job, BulkJobRecordEntity record) {
        try {
            InvocationOutcome outcome =
                    invocations.invokeDeferred(caller, job.functionName(), job.functionId(), record.event(), null);
            return new RecordResult(
                    record.index(),
                    outcome.activation().id(),
                    outcome.activation().status(),
                    outcome.payloadAsJson());
        } catch (HearthException refused) {
            return new RecordResult(
                    record.index(),
                    null,
                    refused.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    JsonText.string(refused.getMessage()));
        }
    }

    /**
     * Waits for the records the helpers took. Not for the helpers' futures: a running task's
     * {@code cancel(false)} succeeds too, so a helper cannot be told "not started" that way.
     */
    private static void awaitEveryRecord(CountDownLatch finished) {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a chunk's invocations ran", e);
        }
    }
}
