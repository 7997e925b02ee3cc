package dev.hearth.hypervisor.host.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store collects the packages no instance holds, and never one that an instance holds, and
 * takes in a few packages at a time.
 */
class CodeStoreTest {

    @TempDir
    Path stateDir;

    @Test
    void collectsWhatNoInstanceHoldsOnceItIsIdleAndKeepsTheRest() throws Exception {
        CodeStore store = CodeStore.open(stateDir, new CodeRetention(Duration.ofHours(1), 1L << 30, Duration.ZERO));
        String held = CodePackages.store(store, "held");
        String dropped = CodePackages.store(store, "dropped");
        String released = CodePackages.store(store, "released");
        Optional<Path> heldDir = store.use("instance-a", held);
        store.use("instance-b", released);
        store.release("instance-b");

        List<String> removed = store.collectGarbage(Instant.now().plus(Duration.ofHours(2)));

        assertEquals(
                List.of(dropped, released).stream().sorted().toList(),
                removed.stream().sorted().toList());
        assertTrue(store.has(held));
        assertTrue(Files.isRegularFile(heldDir.orElseThrow().resolve("app.py")), "an instance's code stays whole");
        assertFalse(store.has(dropped));
        assertEquals(Optional.empty(), store.use("instance-c", dropped), "sent again when an invocation needs it");
    }

    @Test
    void packagesFoundAtStartAreCollectedToo() throws Exception {
        String sha = CodePackages.store(CodeStore.open(stateDir, CodeRetention.DEFAULT), "earlier");

        CodeStore reopened = CodeStore.open(stateDir, CodeRetention.DEFAULT);

        assertEquals(List.of(), reopened.collectGarbage(Instant.now()));
        assertEquals(List.of(sha), reopened.collectGarbage(Instant.now().plus(Duration.ofHours(2))));
    }

    @Test
    void packagesAreTakenInTwoAtATimeAndAThirdWaitsForATurn() throws Exception {
        CodeStore store = CodeStore.open(stateDir, CodeRetention.DEFAULT);
        CodeStore.Turn first = store.awaitTurn();
        CodeStore.Turn second = store.awaitTurn();
        CompletableFuture<CodeStore.Turn> third = CompletableFuture.supplyAsync(() -> {
            try {
                return store.awaitTurn();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        boolean tookATurnWhileTwoWereTaken = third.isDone();

        first.close();

        assertFalse(tookATurnWhileTwoWereTaken);
        third.get(5, TimeUnit.SECONDS).close();
        second.close();
    }

    @Test
    void thePackageSentManyTimesAtOnceIsStoredOnceAndEachSenderSucceeds() throws Exception {
        CodeStore store = CodeStore.open(stateDir, CodeRetention.DEFAULT);
        byte[] archive = CodePackages.archive("sent by eight cold starts at once");
        String sha256 = CodePackages.sha256(archive);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            senders.add(CompletableFuture.runAsync(() -> {
                try {
                    store.store(sha256, archive);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        for (CompletableFuture<Void> sender : senders) {
            sender.get(10, TimeUnit.SECONDS);
        }
        assertTrue(store.has(sha256));
        try (var entries = Files.list(stateDir.resolve("code"))) {
            assertEquals(
                    List.of(sha256),
                    entries.map(p -> p.getFileName().toString()).toList(),
                    "nothing half-moved");
        }
    }
}
