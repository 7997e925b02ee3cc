package dev.hearth.scheduler.application;

import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.persistence.BulkJobResultEntity;
import java.util.List;
import java.util.Optional;

/** Bulk invocation jobs, their data sets and their results per chunk. */
public interface BulkJobRepository {

    /** Stores a new job with its records, the i-th record at index i. */
    void add(BulkJobEntity job, List<String> records);

    Optional<BulkJobEntity> find(String id);

    /** The owner's jobs, or everyone's for null, newest first. */
    List<BulkJobEntity> list(String owner);

    /** The jobs whose current execution {@code member} runs. */
    List<BulkJobEntity> runBy(String member);

    /** Records the job's new execution and the member that runs it (no stop requested of it). */
    void runBy(String jobId, long executionId, String member);

    /** Asks the member that runs the job's execution to stop it. */
    void requestStop(String jobId);

    /** The jobs whose current execution {@code member} runs and was asked to stop. */
    List<BulkJobEntity> stopRequested(String member);

    void stopRequestHandled(String jobId);

    /** At most {@code max} records from {@code from} on, by index. */
    List<BulkJobRecordEntity> records(String jobId, int from, int max);

    /** Stores a chunk's results, replacing those of the same chunk from an earlier run. */
    void putResults(BulkJobResultEntity results);

    /** One chunk of a job's results: its first record, and the size of its gzipped lines. */
    record ResultChunk(int firstIndex, long bytes) {}

    /** The job's result chunks, by first index, without their lines. */
    List<ResultChunk> resultChunks(String jobId);

    /** The gzipped lines of the job's chunk that begins at {@code firstIndex}, if there is one. */
    Optional<byte[]> resultLines(String jobId, int firstIndex);

    /** How many of the job's records have a result, and how many of those failed. */
    Progress progress(String jobId);

    /**
     * @param done records with a result
     * @param failed records whose invocation did not succeed
     * @param next the index after the last chunk with results (chunks run in order)
     */
    record Progress(int done, int failed, int next) {}
}
