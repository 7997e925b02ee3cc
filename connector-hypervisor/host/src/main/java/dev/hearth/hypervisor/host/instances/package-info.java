/**
 * The agent's instances: capacity, lifecycle, and the checks an invocation request passes before
 * it reaches a driver. May depend on {@code java.*}, the wire types, {@code ..host.driver},
 * {@code ..host.code}, {@code ..host.egress} (which judges an auxiliary URL), the domain's
 * network package (which judges allowed private networks) and the domain's naming rules, limits,
 * trust levels and egress entries' form (the same the upload checks, so that the agent accepts every function it accepted).
 */
package dev.hearth.hypervisor.host.instances;
