package dev.hearth.scheduler.application;

import dev.hearth.manifest.dataset.DataSetLimits;
import dev.hearth.security.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Bulk invocation jobs: a data set's records, each an invocation of one function (Jakarta Batch). */
public interface BulkJobService {

    /** JSON lines as they stand. */
    String NDJSON = "application/x-ndjson";

    /** A tar.gz of JSON-lines files. */
    String GZIP = "application/gzip";

    /** A zip of JSON-lines files. */
    String ZIP = "application/zip";

    /** The most bytes a data set may have as uploaded. */
    int MAX_UPLOAD_BYTES = (int) DataSetLimits.DEFAULT.maxUploadBytes();

    /**
     * Reads and checks the data set ({@code DataSetReader}), stores it and starts the job, which
     * runs as the caller with the roles they have now, without their token (ADR 30).
     *
     * @param mediaType {@link #NDJSON}, {@link #GZIP} or {@link #ZIP}
     * @throws HearthException INVALID_DATA_SET: the data set is malformed or hostile
     * @throws HearthException PAYLOAD_TOO_LARGE: it has too many bytes or records
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: the function's credential needs the caller's token
     */
    BulkJobView start(Caller caller, String functionName, String mediaType, byte[] dataSet);

    /** The caller's jobs; an admin's lists everyone's. */
    List<BulkJobView> list(Caller caller);

    /** @throws HearthException JOB_NOT_FOUND: missing, or another user's (unless the caller is an admin) */
    BulkJobView get(Caller caller, String id);

    /**
     * Stops the job after its current chunk: at once when this member runs it, else at the next
     * check of the member that does ({@link #applyStopRequests}); the job is {@code stopping} until
     * then.
     *
     * @throws HearthException JOB_NOT_FOUND: as {@link #get}
     * @throws HearthException JOB_STATE_CONFLICT: the job does not run
     */
    BulkJobView stop(Caller caller, String id);

    /**
     * Continues a stopped or failed job from its last checkpoint.
     *
     * @throws HearthException JOB_NOT_FOUND: as {@link #get}
     * @throws HearthException JOB_STATE_CONFLICT: the job is running or complete, or its function is
     *     not the one it was started on (deleted, perhaps deployed afresh under its name)
     */
    BulkJobView restart(Caller caller, String id);

    /**
     * Resumes the jobs this member ran whose executions it left running when it was killed: each
     * gets a new execution from its first record without a result (ADR 33). Called once, shortly
     * after the member starts ({@link BulkJobSupervisor}).
     */
    void resumeInterrupted();

    /**
     * Stops this member's executions that a stop was asked of through another member. Called every
     * second ({@link BulkJobSupervisor}).
     */
    void applyStopRequests();

    /**
     * The job's results so far, as chunks to write one at a time: a reader may claim room for the
     * largest before it writes any.
     *
     * @throws HearthException JOB_NOT_FOUND: as {@link #get}
     */
    ResultsFile results(Caller caller, String id);

    /** A job's results file: its chunks, by first index, each with its size. */
    record ResultsFile(String jobId, List<BulkJobRepository.ResultChunk> chunks) {

        /** The most the file holds in memory at once while it is written. */
        public long largestChunkBytes() {
            return chunks.stream()
                    .mapToLong(BulkJobRepository.ResultChunk::bytes)
                    .max()
                    .orElse(0);
        }
    }

    /**
     * Writes the file's chunks, one loaded at a time: gzip, one JSON line per record with a
     * result, by index (a chunk run again since is written as it is now).
     *
     * @throws HearthException JOB_NOT_FOUND: as {@link #get}
     */
    void writeResults(Caller caller, ResultsFile file, OutputStream out) throws IOException;
}
