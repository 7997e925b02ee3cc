/**
 * The agent's instances: capacity, lifecycle, and the checks an invocation request passes before
 * it reaches a driver. May depend on {@code java.*}, the wire types, {@code ..host.driver},
 * {@code ..host.code}, {@code ..host.egress} (which judges an auxiliary URL) and the domain's
 * network package (which judges allowed private networks).
 */
package dev.hearth.hypervisor.host.instances;
