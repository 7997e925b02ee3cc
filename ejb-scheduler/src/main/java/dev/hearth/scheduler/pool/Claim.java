package dev.hearth.scheduler.pool;

import dev.hearth.domain.placement.PlacementDecision;

/**
 * What {@link InstancePool#claim} decided and reserved: for a warm or warming-pool start the
 * instance now busy for the caller, for a cold start the placeholder that holds the host's slot
 * until the boot ends ({@link InstancePool#booted}), for a rejection nothing ({@code null}).
 */
public record Claim(PlacementDecision decision, String instanceId) {}
