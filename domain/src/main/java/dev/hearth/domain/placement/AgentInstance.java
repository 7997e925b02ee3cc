package dev.hearth.domain.placement;

import java.util.Objects;

/** An instance as its host agent reports it: which one, where, and whether it can serve. */
public record AgentInstance(String instanceId, String hostId, State state) {

    public AgentInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(state, "state");
    }

    /** What the agent says of the instance. */
    public enum State {
        /** Booted and able to serve invocations. */
        READY,
        /** Anything else the agent reports (died, failed to boot): it serves nobody again. */
        DEAD
    }

    public boolean ready() {
        return state == State.READY;
    }
}
