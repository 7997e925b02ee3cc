package dev.hearth.domain.placement;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance as its host agent reports it: which one, where, whether it can serve, and the
 * member of the control plane that booted it ({@code member}; empty when the boot named none or
 * the agent keeps no such label).
 */
public record AgentInstance(String instanceId, String hostId, State state, Optional<String> member) {

    public AgentInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(member, "member");
    }

    /** Booted by {@code member}. */
    public AgentInstance(String instanceId, String hostId, State state, String member) {
        this(instanceId, hostId, state, Optional.of(member));
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
