/**
 * Which instance serves an invocation, and what the pools hold: immutable snapshots of hosts and
 * instances, the instance lifecycle as a sealed state machine, and the pure decisions over them:
 * {@link dev.hearth.domain.placement.Placement} (who serves), {@link
 * dev.hearth.domain.placement.Refill} (what to boot and retire for the warming pools), {@link
 * dev.hearth.domain.placement.Eviction} (which idle instances go), {@link
 * dev.hearth.domain.placement.Reconciliation} (how the pool aligns a host with what its agent
 * runs), {@link dev.hearth.domain.placement.Offer} (whether any host offers a runtime and
 * isolation) and {@link dev.hearth.domain.placement.Membership} (which instances and how much of
 * each host are one member's of the control plane); {@link
 * dev.hearth.domain.placement.PoolOccupancy} counts what a snapshot's instances are doing. Depends on
 * {@code java.*} and {@code dev.hearth.domain.function} only.
 */
package dev.hearth.domain.placement;
