/**
 * The events the agent reports without being asked (instance died, container exited, out of
 * memory, timed out), kept in memory for clients that long-poll {@code GET /v1/events}. May depend
 * on {@code java.*}, the wire types and {@code ..host.driver}.
 */
package dev.hearth.hypervisor.host.events;
