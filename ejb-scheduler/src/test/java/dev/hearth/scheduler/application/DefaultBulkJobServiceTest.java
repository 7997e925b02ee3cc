package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.placement.Membership;
import dev.hearth.persistence.BulkJobEntity;
import dev.hearth.persistence.BulkJobRecordEntity;
import dev.hearth.persistence.BulkJobResultEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stop, restart and status of bulk jobs across members, over one job repository and batch runtime. */
class DefaultBulkJobServiceTest {

    private static final Caller DEV = new Caller("dev", Set.of("developer"));

    private final Jobs jobs = new Jobs();
    private final Runtime runtime = new Runtime();
    /** The function the jobs were started on. */
    private static final FunctionEntity STARTED_ON = new FunctionEntity("f", "dev", OffsetDateTime.now());
    /** The functions as stored now. */
    private final List<FunctionEntity> functions = new ArrayList<>(List.of(STARTED_ON));

    @Test
    void aStopAskedOfAnotherMemberIsStoppingUntilTheMemberThatRunsTheJobStopsIt() {
        DefaultBulkJobService one = member("hearth-1");
        DefaultBulkJobService two = member("hearth-2");
        jobs.add(job(100), List.of());
        jobs.runBy("job", runtime.start("job", 0), "hearth-1");

        assertEquals("stopping", two.stop(DEV, "job").status(), "answered at once by the member asked");
        assertEquals("stopping", one.get(DEV, "job").status(), "and seen so by the other");
        assertTrue(runtime.stopped.isEmpty(), "hearth-2 does not touch hearth-1's execution");

        two.applyStopRequests();
        assertTrue(runtime.stopped.isEmpty(), "hearth-2 runs nothing of the job");
        one.applyStopRequests();
        assertEquals(List.of(1L), runtime.stopped);
        assertEquals("stopped", two.get(DEV, "job").status());
        one.applyStopRequests();
        assertEquals(List.of(1L), runtime.stopped, "once");
    }

    @Test
    void theMemberThatRunsTheJobStopsItAtOnceAndAJobThatDoesNotRunCannotBeStopped() {
        DefaultBulkJobService one = member("hearth-1");
        jobs.add(job(100), List.of());
        jobs.runBy("job", runtime.start("job", 0), "hearth-1");

        assertEquals("stopped", one.stop(DEV, "job").status());
        HearthException conflict =
                assertThrows(HearthException.class, () -> member("hearth-2").stop(DEV, "job"));
        assertEquals(ProblemType.JOB_STATE_CONFLICT, conflict.type());
    }

    @Test
    void aJobOfAnEarlierDeploymentStandsByItsOwnProgressAndRestartsFromItsFirstRecordWithoutAResult() {
        DefaultBulkJobService one = member("hearth-1");
        jobs.add(job(100), List.of());
        jobs.runBy("job", 41, "hearth-1"); // an execution this batch runtime does not know
        jobs.done = 30;

        assertEquals("stopped", one.get(DEV, "job").status());
        assertEquals("started", one.restart(DEV, "job").status());
        assertEquals(List.of(30), runtime.startedFrom, "from the first record without a result");

        jobs.add(job(100), List.of());
        jobs.runBy("job", 42, "hearth-1");
        jobs.done = 100;
        assertEquals("completed", one.get(DEV, "job").status());
        HearthException complete = assertThrows(HearthException.class, () -> one.restart(DEV, "job"));
        assertEquals(ProblemType.JOB_STATE_CONFLICT, complete.type());
    }

    @Test
    void aJobWhoseFunctionWasDeletedSaysWhyAndIsNotRestartedAlsoNotOnTheNamesNextFunction() {
        DefaultBulkJobService one = member("hearth-1");
        jobs.add(job(100), List.of());
        jobs.runBy("job", runtime.start("job", 0), "hearth-1");
        assertNull(one.stop(DEV, "job").problem(), "its function is the one it was started on");

        functions.set(0, new FunctionEntity("f", "dev2", OffsetDateTime.now()));
        BulkJobView stopped = one.get(DEV, "job");

        assertEquals("stopped", stopped.status());
        assertEquals(
                "function 'f' was deleted since job job started; its records run on no other function, also not"
                        + " one deployed afresh under its name",
                stopped.problem());
        HearthException refused = assertThrows(HearthException.class, () -> one.restart(DEV, "job"));
        assertEquals(ProblemType.JOB_STATE_CONFLICT, refused.type());
        assertEquals(stopped.problem(), refused.getMessage());
        assertEquals(List.of(0), runtime.startedFrom, "never started again");
    }

    private DefaultBulkJobService member(String name) {
        DefaultBulkJobService service = new DefaultBulkJobService();
        service.functions = InMemorySchedules.functions(functions);
        service.jobs = jobs;
        service.runner = runtime;
        service.membership = () -> Membership.alone(name);
        return service;
    }

    private static BulkJobEntity job(int records) {
        return new BulkJobEntity(
                "job", "f", STARTED_ON.functionId(), "dev", Set.of("developer"), records, OffsetDateTime.now());
    }

    /** The batch runtime of one deployment: executions it started, by id from 1. */
    private static final class Runtime implements JobRunner {
        private final Map<Long, String> status = new HashMap<>();
        private final List<Long> stopped = new ArrayList<>();
        private final List<Integer> startedFrom = new ArrayList<>();

        @Override
        public long start(String jobId, int from) {
            startedFrom.add(from);
            long id = status.size() + 1;
            status.put(id, "started");
            return id;
        }

        @Override
        public void stop(long executionId) {
            if (!"started".equals(status.get(executionId))) {
                throw new HearthException(ProblemType.JOB_STATE_CONFLICT, "not running");
            }
            stopped.add(executionId);
            status.put(executionId, "stopped");
        }

        @Override
        public long restart(long executionId, String jobId) {
            throw new AssertionError("not restarted by Jakarta Batch here");
        }

        @Override
        public Execution execution(long executionId) {
            return Optional.ofNullable(status.get(executionId))
                    .map(s -> new Execution(s, Instant.EPOCH, Optional.empty(), Optional.empty()))
                    .orElseGet(Execution::forgotten);
        }
    }

    /** One job's row, as every member reads it from the database. */
    private static final class Jobs implements BulkJobRepository {
        private BulkJobEntity job;
        private int done;

        @Override
        public void add(BulkJobEntity added, List<String> records) {
            job = added;
        }

        @Override
        public Optional<BulkJobEntity> find(String id) {
            return Optional.ofNullable(job).filter(j -> j.id().equals(id));
        }

        @Override
        public List<BulkJobEntity> list(String owner) {
            return List.of(job);
        }

        @Override
        public List<BulkJobEntity> runBy(String member) {
            return member.equals(job.member()) ? List.of(job) : List.of();
        }

        @Override
        public void runBy(String jobId, long executionId, String member) {
            job.runBy(executionId, member);
        }

        @Override
        public void requestStop(String jobId) {
            job.requestStop(OffsetDateTime.now());
        }

        @Override
        public List<BulkJobEntity> stopRequested(String member) {
            return runBy(member).stream().filter(BulkJobEntity::stopRequested).toList();
        }

        @Override
        public void stopRequestHandled(String jobId) {
            job.stopRequestHandled();
        }

        @Override
        public List<BulkJobRecordEntity> records(String jobId, int from, int max) {
            return List.of();
        }

        @Override
        public void putResults(BulkJobResultEntity results) {}

        @Override
        public List<ResultChunk> resultChunks(String jobId) {
            return List.of();
        }

        @Override
        public Optional<byte[]> resultLines(String jobId, int firstIndex) {
            return Optional.empty();
        }

        @Override
        public Progress progress(String jobId) {
            return new Progress(done, 0, done);
        }
    }
}
