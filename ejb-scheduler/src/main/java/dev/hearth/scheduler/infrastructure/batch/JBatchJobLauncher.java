package dev.hearth.scheduler.infrastructure.batch;

import dev.hearth.scheduler.application.JobLauncher;
import dev.hearth.scheduler.application.MeteringJob;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Properties;

/** Starts jobs through the server's batch runtime, whose repository records their executions. */
@ApplicationScoped
public class JBatchJobLauncher implements JobLauncher {

    @Override
    public long start(MeteringJob job) {
        return operator().start(job.jobXml(), new Properties());
    }

    @Override
    public Optional<String> status(MeteringJob job, long executionId) {
        try {
            JobExecution execution = operator().getJobExecution(executionId);
            return execution.getJobName().equals(job.jobXml())
                    ? Optional.of(execution.getBatchStatus().name())
                    : Optional.empty();
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
