/**
 * The JCA 1.7 resource adapter that connects Hearth's application server to its host agents.
 * Implements the interfaces of {@code dev.hearth.hypervisor.api}; may depend on {@code java.*},
 * {@code jakarta.resource} (with the {@code javax.transaction.xa} types its interfaces name),
 * JSON-B, the connector API, the wire records ({@code dev.hearth.protocol.wire}) and its own {@code inbound} and {@code transport} packages, nothing of
 * the application.
 */
package dev.hearth.hypervisor.adapter;
