package dev.hearth.hypervisor.host.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hearth.hypervisor.host.threads.ConnectionBudget.Refusal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    @Test
    void aContainerHasItsOwnWhateverOthersHoldAndTheRestWhileThePoolLasts() {
        ConnectionBudget budget = new ConnectionBudget(3);
        ConnectionBudget.Share greedy = budget.share(2, 10);
        ConnectionBudget.Share modest = budget.share(2, 10);

        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), greedy.tryTake(), "connection " + i);
        }
        assertEquals(Optional.of(Refusal.HOST_FULL), greedy.tryTake());
        assertEquals(Optional.empty(), modest.tryTake());
        assertEquals(Optional.empty(), modest.tryTake());
        assertEquals(Optional.of(Refusal.HOST_FULL), modest.tryTake());

        greedy.release();

        assertEquals(Optional.empty(), modest.tryTake(), "the pool's connection the greedy gave back");
        assertEquals(Optional.of(Refusal.HOST_FULL), greedy.tryTake());
    }

    @Test
    void aContainerHoldsNoMoreThanItsMostThoughThePoolHasMore() {
        ConnectionBudget.Share share = new ConnectionBudget(100).share(1, 3);

        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), share.tryTake());
        }

        assertEquals(Optional.of(Refusal.CONTAINER_FULL), share.tryTake());
        share.release();
        assertEquals(Optional.empty(), share.tryTake());
    }

    @Test
    void takingWaitsUntilAnotherContainerGivesBackToThePool() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(1);
        ConnectionBudget.Share holder = budget.share(0, 5);
        ConnectionBudget.Share waiter = budget.share(0, 5);
        holder.take();

        CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> {
            try {
                waiter.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(taken.isDone(), "waits while the pool is empty");

        holder.release();

        taken.get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(Refusal.HOST_FULL), holder.tryTake(), "the waiter holds it now");
    }
}
