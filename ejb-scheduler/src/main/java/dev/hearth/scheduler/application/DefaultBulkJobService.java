package dev.hearth.scheduler.application;

import dev.hearth.manifest.dataset.DataSetFormat;
import dev.hearth.manifest.dataset.DataSetLimits;
import dev.hearth.manifest.dataset.DataSetReader;
import dev.hearth.manifest.dataset.DataSetVerdict;
import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.scheduler.pool.ClusterMembership;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bulk jobs: the data set is stored first (its own transaction), then the job's execution is
 * started, so that whichever thread runs it finds every record; each job remembers the member
 * that runs its execution ({@link #resumeInterrupted} resumes a member's own after it was killed).
 * Every call to the batch runtime goes through this bean: Payara's batch runtime tags a job with
 * the component (EJB) that started it and refuses any other component the job's executions
 * ({@code JobSecurityException}). Defines the executor on which chunks run their invocations
 * ({@link BulkChunkRunner}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ManagedExecutorDefinition(name = BulkChunkRunner.EXECUTOR, maxAsync = 64)
public class DefaultBulkJobService implements BulkJobService {

    private static final Logger LOG = Logger.getLogger(DefaultBulkJobService.class.getName());

    @Inject
    FunctionRepository functions;

    @Inject
    GrantRepository grants;

    @Inject
    BulkJobRepository jobs;

    @Inject
    JobRunner runner;

    @Inject
    ClusterMembership membership;

    @Override
    public BulkJobView start(Caller caller, String functionName, String mediaType, byte[] dataSet) {
        List<String> records = accepted(DataSetReader.read(dataSet, format(mediaType), DataSetLimits.DEFAULT));
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> Access.mayInvoke(caller, f, grants))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
        InvocationCredentials.requireDeferrable(function, "a batch job");
        BulkJobEntity job = new BulkJobEntity(
                UUID.randomUUID().toString(),
                function.name(),
                function.functionId(),
                caller.username(),
                caller.roles(),
                records.size(),
                OffsetDateTime.now(ZoneOffset.UTC));
        jobs.add(job, records);
        long executionId = runner.start(job.id(), 0);
        jobs.runBy(job.id(), executionId, membership.self());
        return view(visible(caller, job.id()));
    }

    @Override
    public List<BulkJobView> list(Caller caller) {
        return jobs.list(caller.isAdmin() ? null : caller.username()).stream()
                .map(this::view)
                .toList();
    }

    @Override
    public BulkJobView get(Caller caller, String id) {
        return view(visible(caller, id));
    }

    @Override
    public BulkJobView stop(Caller caller, String id) {
        BulkJobEntity job = visible(caller, id);
        if (membership.self().equals(job.member())) {
            runner.stop(job.executionId());
        } else if (runner.execution(job.executionId()).active()) {
            jobs.requestStop(job.id());
        } else {
            throw new HearthException(ProblemType.JOB_STATE_CONFLICT, "the job does not run; it cannot be stopped");
        }
        return view(visible(caller, id));
    }

    @Override
    public BulkJobView restart(Caller caller, String id) {
        BulkJobEntity job = visible(caller, id);
        Optional<String> gone = functionGone(job);
        if (gone.isPresent()) {
            throw new HearthException(ProblemType.JOB_STATE_CONFLICT, gone.get());
        }
        long executionId;
        if (runner.execution(job.executionId()).isForgotten()) {
            BulkJobRepository.Progress progress = jobs.progress(job.id());
            if (progress.done() == job.recordsTotal()) {
                throw new HearthException(ProblemType.JOB_STATE_CONFLICT, "the job is complete");
            }
            executionId = runner.start(job.id(), progress.next());
        } else {
            executionId = runner.restart(job.executionId(), job.id());
        }
        jobs.runBy(job.id(), executionId, membership.self());
        return view(visible(caller, id));
    }

    /**
     * Only this member's jobs, and only executions created before this JVM started: they cannot be
     * running anywhere, yet claim to in the job repository, which no one will ever correct, and
     * Jakarta Batch restarts only a stopped or failed execution.
     */
    @Override
    public void resumeInterrupted() {
        Instant thisStart =
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        String self = membership.self();
        for (BulkJobEntity job : jobs.runBy(self)) {
            try {
                JobRunner.Execution execution = runner.execution(job.executionId());
                if (execution.active() && execution.createdAt().isBefore(thisStart)) {
                    int next = jobs.progress(job.id()).next();
                    long executionId = runner.start(job.id(), next);
                    jobs.runBy(job.id(), executionId, self);
                    LOG.info(() -> "bulk job " + job.id() + " was interrupted by this member's end (execution "
                            + job.executionId() + "); resumed from record " + next + " as execution "
                            + executionId);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "bulk job " + job.id() + " could not be resumed");
            }
        }
    }

    @Override
    public void applyStopRequests() {
        for (BulkJobEntity job : jobs.stopRequested(membership.self())) {
            try {
                runner.stop(job.executionId());
                LOG.info(() -> "bulk job " + job.id() + " stops, as asked through another member");
            } catch (HearthException endedMeanwhile) {
                LOG.fine(() -> "bulk job " + job.id() + " had ended before its stop was applied");
            }
            jobs.stopRequestHandled(job.id());
        }
    }

    @Override
    public ResultsFile results(Caller caller, String id) {
        BulkJobEntity job = visible(caller, id);
        return new ResultsFile(job.id(), jobs.resultChunks(job.id()));
    }

    /** One chunk at a time: a job's results may be hundreds of MiB, as its functions answer. */
    @Override
    public void writeResults(Caller caller, ResultsFile file, OutputStream out) throws IOException {
        BulkJobEntity job = visible(caller, file.jobId());
        for (BulkJobRepository.ResultChunk chunk : file.chunks()) {
            Optional<byte[]> lines = jobs.resultLines(job.id(), chunk.firstIndex());
            if (lines.isPresent()) {
                out.write(lines.get());
            }
        }
    }

    private static DataSetFormat format(String mediaType) {
        return switch (mediaType) {
            case GZIP -> DataSetFormat.TAR_GZ;
            case ZIP -> DataSetFormat.ZIP;
            default -> DataSetFormat.JSON_LINES;
        };
    }

    private static List<String> accepted(DataSetVerdict verdict) {
        if (verdict instanceof DataSetVerdict.Refused refused) {
            throw new HearthException(
                    ProblemType.INVALID_DATA_SET,
                    "The data set has a problem: " + String.join("; ", refused.problems()),
                    refused.problems());
        }
        if (verdict instanceof DataSetVerdict.TooLarge tooLarge) {
            throw new HearthException(
                    ProblemType.PAYLOAD_TOO_LARGE, "The data set is too large: " + tooLarge.problem() + ".");
        }
        if (verdict instanceof DataSetVerdict.Busy busy) {
            throw new HearthException(ProblemType.DATA_SETS_BUSY, busy.problem());
        }
        return ((DataSetVerdict.Accepted) verdict).records();
    }

    private BulkJobEntity visible(Caller caller, String id) {
        return jobs.find(id)
                .filter(job -> caller.isAdmin() || job.owner().equals(caller.username()))
                .orElseThrow(() -> new HearthException(ProblemType.JOB_NOT_FOUND, "no job '" + id + "'"));
    }

    /**
     * Jakarta Batch's status of the current execution; for one of an earlier deployment, which
     * ended with it, completed or stopped by Hearth's own progress (a restart goes on from there).
     */
    private static String status(
            BulkJobEntity job, BulkJobRepository.Progress progress, JobRunner.Execution execution) {
        if (execution.isForgotten()) {
            return progress.done() == job.recordsTotal() ? "completed" : "stopped";
        }
        return job.stopRequested() && execution.active() ? "stopping" : execution.status();
    }

    private Optional<String> functionGone(BulkJobEntity job) {
        return BulkChunkRunner.functionGone(job, functions.find(job.functionName()));
    }

    private BulkJobView view(BulkJobEntity job) {
        BulkJobRepository.Progress progress = jobs.progress(job.id());
        JobRunner.Execution execution = runner.execution(job.executionId());
        String status = status(job, progress, execution);
        return new BulkJobView(
                job.id(),
                job.functionName(),
                job.owner(),
                status,
                status.equals("completed") ? null : functionGone(job).orElse(null),
                job.recordsTotal(),
                progress.done(),
                progress.failed(),
                job.createdAt(),
                execution.startedAt().orElse(null),
                execution.endedAt().orElse(null));
    }
}
