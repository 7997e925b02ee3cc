/**
 * The JCA 1.7 resource adapter that connects Hearth's application server to its host agents.
 * Implements the interfaces of {@code dev.hearth.hypervisor.api}; may depend on {@code java.*},
 * {@code jakarta.resource}, JSON-B and the connector API, nothing of the application.
 */
package dev.hearth.hypervisor.adapter;
