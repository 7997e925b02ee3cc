/**
 * Which instance serves an invocation: immutable snapshots of hosts and instances, the instance
 * lifecycle as a sealed state machine, and the pure {@link dev.hearth.domain.placement.Placement}
 * decision over them. Depends on {@code java.*} and {@code dev.hearth.domain.function} only.
 */
package dev.hearth.domain.placement;
