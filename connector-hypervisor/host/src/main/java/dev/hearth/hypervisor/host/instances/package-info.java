/**
 * The agent's instances: capacity, lifecycle, and the checks an invocation request passes before
 * it reaches a driver. May depend on {@code java.*}, the wire types, {@code ..host.driver},
 * {@code ..host.code} and {@code ..host.egress} (which judges an auxiliary URL).
 */
package dev.hearth.hypervisor.host.instances;
