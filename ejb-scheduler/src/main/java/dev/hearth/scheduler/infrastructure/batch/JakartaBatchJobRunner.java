package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.JobRunner;
import dev.hearth.scheduler.application.ProblemType;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Bulk jobs' executions through Jakarta Batch's {@link JobOperator}. */
@ApplicationScoped
public class JakartaBatchJobRunner implements JobRunner {

    /** The JSL's name, {@code META-INF/batch-jobs/hearth-bulk-invocation.xml}. */
    static final String JOB_XML = "hearth-bulk-invocation";

    @Override
    public long start(String jobId, int from) {
        Properties parameters = new Properties();
        parameters.setProperty("jobId", jobId);
        parameters.setProperty("from", Integer.toString(from));
        return operator().start(JOB_XML, parameters);
    }

    @Override
    public void stop(long executionId) {
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
            throw new HearthException(ProblemType.JOB_STATE_CONFLICT, "the job does not run; it cannot be stopped");
        }
    }

    @Override
    public long restart(long executionId, String jobId) {
        JobOperator operator = operator();
        try {
            return operator.restart(executionId, operator.getParameters(executionId));
        } catch (JobExecutionAlreadyCompleteException e) {
            throw new HearthException(ProblemType.JOB_STATE_CONFLICT, "the job is complete");
        } catch (JobRestartException | JobExecutionNotMostRecentException | NoSuchJobExecutionException e) {
            throw new HearthException(
                    ProblemType.JOB_STATE_CONFLICT,
                    "only a stopped or failed job can be restarted; job " + jobId + " is "
                            + execution(executionId).status());
        }
    }

    @Override
    public Execution execution(long executionId) {
        if (executionId == 0) {
            return new Execution("starting", Instant.EPOCH, Optional.empty(), Optional.empty());
        }
        JobExecution execution;
        try {
            execution = operator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException | JobSecurityException earlierDeployment) {
            return Execution.forgotten();
        }
        return new Execution(
                execution.getBatchStatus().name().toLowerCase(Locale.ROOT),
                execution.getCreateTime().toInstant(),
                at(execution.getStartTime()),
                at(execution.getEndTime()));
    }

    private static Optional<OffsetDateTime> at(Date time) {
        return Optional.ofNullable(time).map(t -> t.toInstant().atOffset(ZoneOffset.UTC));
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
