package dev.hearth.hypervisor.host.threads;

import java.util.Optional;

/**
 * The connections of one kind (egress, Runtime API) that the agent serves for all its containers
 * at once, each holding a thread or two. A container's {@link Share} has a few connections of its
 * own, which no other container can take, and draws the rest, up to its own most, from a pool the
 * agent's containers share: one tenant with many containers can neither make the agent hold
 * threads without bound nor take the connections another tenant's container needs to work.
 */
public final class ConnectionBudget {

    /** Why a connection was not taken. */
    public enum Refusal {
        /** The container holds its most already. */
        CONTAINER_FULL,
        /** The container holds its own few, and the pool the agent's containers share is empty. */
        HOST_FULL
    }

    private final int shared;
    private int sharedHeld;

    /** {@code shared}: the connections beyond their own few that the containers may hold together. */
    public ConnectionBudget(int shared) {
        this.shared = shared;
    }

    /** A container's share: {@code own} connections of its own, at most {@code most} in all. */
    public Share share(int own, int most) {
        return new Share(own, most);
    }

    /** One container's connections. */
    public final class Share {

        private final int own;
        private final int most;
        private int held;

        private Share(int own, int most) {
            this.own = own;
            this.most = most;
        }

        /** Takes a connection if one is free now; otherwise says why not. */
        public Optional<Refusal> tryTake() {
            synchronized (ConnectionBudget.this) {
                if (held >= most) {
                    return Optional.of(Refusal.CONTAINER_FULL);
                }
                if (held >= own) {
                    if (sharedHeld >= shared) {
                        return Optional.of(Refusal.HOST_FULL);
                    }
                    sharedHeld++;
                }
                held++;
                return Optional.empty();
            }
        }

        /** Takes a connection, waiting until one is free. */
        public void take() throws InterruptedException {
            synchronized (ConnectionBudget.this) {
                while (tryTake().isPresent()) {
                    ConnectionBudget.this.wait();
                }
            }
        }

        /** Gives back a connection taken: to the shared pool while the container holds more than its own. */
        public void release() {
            synchronized (ConnectionBudget.this) {
                held--;
                if (held >= own) {
                    sharedHeld--;
                }
                ConnectionBudget.this.notifyAll();
            }
        }
    }
}
