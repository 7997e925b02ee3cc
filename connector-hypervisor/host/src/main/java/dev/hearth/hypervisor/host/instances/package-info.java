/**
 * The agent's instances: capacity, lifecycle, and the checks an invocation request passes before
 * it reaches a driver. May depend on {@code java.*}, the wire types, {@code ..host.driver} and
 * {@code ..host.code}.
 */
package dev.hearth.hypervisor.host.instances;
