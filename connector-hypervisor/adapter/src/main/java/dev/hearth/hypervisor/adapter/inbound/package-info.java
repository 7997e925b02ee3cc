/**
 * Inbound delivery: events that host agents push (instance died, container exited, out of memory,
 * timed out) reach message-driven beans that implement {@code HostEventListener}. Polling runs as
 * container {@code Work}, never on threads of our own. Depends on the transport package, the
 * connector API, the wire records and {@code jakarta.resource} (with the {@code javax.transaction.xa} types its
 * interfaces name).
 */
package dev.hearth.hypervisor.adapter.inbound;
