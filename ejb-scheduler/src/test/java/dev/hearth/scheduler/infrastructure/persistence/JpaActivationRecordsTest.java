package dev.hearth.scheduler.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.persistence.ActivationEntity;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JpaActivationRecordsTest {

    private final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theWriterThreadWritesWhatIsAddedWithoutAReader() throws InterruptedException {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, 0);
        writeBehind.start(Thread::new);
        try {
            writeBehind.add(record("a"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (committed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of(List.of("a")), committed);
        } finally {
            writeBehind.stop();
        }
    }

    @Test
    void theWriterLetsRecordsGatherIntoOneTransaction_untilABatchIsFull() throws InterruptedException {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, TimeUnit.MINUTES.toNanos(10));
        writeBehind.start(Thread::new);
        try {
            IntStream.range(0, JpaActivationRecords.BATCH).forEach(i -> writeBehind.add(record("r" + i)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (committed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(
                    List.of(JpaActivationRecords.BATCH),
                    committed.stream().map(List::size).toList(),
                    "one transaction, written once the batch was full, long before the gathering time");
        } finally {
            writeBehind.stop();
        }
    }

    @Test
    void stoppingEndsTheGatheringAndWritesWhatGathered() {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, TimeUnit.MINUTES.toNanos(10));
        writeBehind.start(Thread::new);
        writeBehind.add(record("a"));

        writeBehind.stop();

        assertEquals(List.of(List.of("a")), committed);
    }

    @Test
    void aReaderSeesEveryRecordAddedBeforeIt_inOneTransaction() {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, 0);
        writeBehind.add(record("a"));
        writeBehind.add(record("b"));
        assertEquals(List.of(), committed, "nothing is written on the invoking thread");

        writeBehind.flush();

        assertEquals(List.of(List.of("a", "b")), committed);
    }

    @Test
    void aTransactionHoldsABoundedBatch() {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, 0);
        IntStream.range(0, JpaActivationRecords.BATCH + 1).forEach(i -> writeBehind.add(record("r" + i)));

        writeBehind.flush();

        assertEquals(
                List.of(JpaActivationRecords.BATCH, 1),
                committed.stream().map(List::size).toList());
    }

    @Test
    void pastTheBoundTheInvokingThreadWritesTheRecordsItself() {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, 0);
        IntStream.range(0, JpaActivationRecords.MAX_PENDING).forEach(i -> writeBehind.add(record("r" + i)));
        assertEquals(List.of(), committed, "up to the bound, records wait for the writer");

        writeBehind.add(record("one too many"));

        assertEquals(
                JpaActivationRecords.MAX_PENDING + 1,
                committed.stream().mapToInt(List::size).sum());
    }

    @Test
    void aRecordThatCannotBeStoredCostsOnlyItself() {
        JpaActivationRecords writeBehind = new JpaActivationRecords(
                batch -> {
                    if (batch.stream().anyMatch(r -> r.id().equals("bad"))) {
                        throw new IllegalStateException("duplicate key");
                    }
                    commit(batch);
                },
                0);
        writeBehind.add(record("a"));
        writeBehind.add(record("bad"));
        writeBehind.add(record("c"));

        writeBehind.flush();

        assertEquals(List.of(List.of("a"), List.of("c")), committed);
    }

    @Test
    void recordsAddedFromManyThreadsAreEachWrittenOnce_andStopWritesTheRest() throws InterruptedException {
        JpaActivationRecords writeBehind = new JpaActivationRecords(this::commit, 0);
        writeBehind.start(Thread::new);
        ExecutorService invokers = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            invokers.execute(() -> IntStream.range(0, 1000).forEach(i -> writeBehind.add(record(t + "-" + i))));
        }
        invokers.shutdown();
        assertTrue(invokers.awaitTermination(30, TimeUnit.SECONDS));

        writeBehind.stop();

        List<String> written = committed.stream().flatMap(List::stream).toList();
        assertEquals(8000, written.size());
        assertEquals(8000, Set.copyOf(written).size(), "each record once");
        assertTrue(committed.size() < 8000, "records share transactions");
    }

    private void commit(List<ActivationEntity> batch) {
        committed.add(batch.stream().map(ActivationEntity::id).toList());
    }

    private static ActivationEntity record(String id) {
        return new ActivationEntity(
                id,
                "function-id",
                "f",
                "dev",
                "dev",
                "i-1",
                "host-1",
                "warm",
                "success",
                OffsetDateTime.now(ZoneOffset.UTC),
                0,
                1,
                2,
                "",
                128);
    }
}
