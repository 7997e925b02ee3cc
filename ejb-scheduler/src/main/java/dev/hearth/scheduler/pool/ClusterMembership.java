package dev.hearth.scheduler.pool;

import dev.hearth.domain.placement.Membership;

/**
 * Which member of the control plane this server is and which members are alive now (ADR 26).
 * The pool asks at each recovery, host check and reconciliation, so a membership only has to
 * answer with the current set: a member that leaves it has its instances destroyed by the
 * survivors' next reconciliation.
 */
public interface ClusterMembership {

    Membership now();

    /** This member's name, without asking who else is alive (boots and records need no more). */
    default String self() {
        return now().self();
    }
}
