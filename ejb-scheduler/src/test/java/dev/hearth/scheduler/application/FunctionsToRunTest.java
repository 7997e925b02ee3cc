package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hearth.persistence.FunctionEntity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionsToRunTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final FunctionsToRun toRun = new FunctionsToRun();
    /** Runs during each read of the repository, as another request's change would. */
    private Runnable duringRead = () -> {};

    FunctionsToRunTest() {
        toRun.kept = true;
        toRun.functions = new FunctionRepository() {
            @Override
            public Optional<FunctionEntity> find(String name) {
                reads.incrementAndGet();
                duringRead.run();
                // A new copy per read, as the repository's transaction gives.
                return name.equals("hello")
                        ? Optional.of(new FunctionEntity("hello", "alice", OffsetDateTime.now()))
                        : Optional.empty();
            }

            @Override
            public List<FunctionEntity> all() {
                return List.of();
            }

            @Override
            public List<FunctionEntity> ownedBy(String owner) {
                return List.of();
            }

            @Override
            public void add(FunctionEntity function) {}

            @Override
            public void remove(FunctionEntity function) {}
        };
    }

    @Test
    void aFunctionIsReadOnceUntilAFunctionChanges() {
        FunctionEntity first = toRun.find("hello").orElseThrow();
        assertSame(first, toRun.find("hello").orElseThrow());
        assertEquals(1, reads.get());

        toRun.changing(new FunctionChanged("other"));
        FunctionEntity afterChange = toRun.find("hello").orElseThrow();

        assertNotSame(first, afterChange);
        assertEquals(2, reads.get());
    }

    @Test
    void aChangeThatCommitsIsSeenAgainAfterItsTransaction() {
        toRun.changing(new FunctionChanged("hello"));
        FunctionEntity readBeforeCommit = toRun.find("hello").orElseThrow();

        toRun.changed(new FunctionChanged("hello"));

        assertNotSame(readBeforeCommit, toRun.find("hello").orElseThrow());
    }

    @Test
    void aFunctionReadWhileAChangeHappensIsNotKept() {
        duringRead = () -> toRun.changing(new FunctionChanged("hello"));
        toRun.find("hello");
        duringRead = () -> {};

        toRun.find("hello");

        assertEquals(2, reads.get());
    }

    @Test
    void aMissingNameIsNotKept_andNothingIsKeptWithSeveralMembers() {
        toRun.find("missing");
        toRun.find("missing");
        assertEquals(2, reads.get());

        toRun.kept = false;
        toRun.find("hello");
        toRun.find("hello");
        assertEquals(4, reads.get());
    }
}
