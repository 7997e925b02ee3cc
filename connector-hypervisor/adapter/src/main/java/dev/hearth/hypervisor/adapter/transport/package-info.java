/**
 * The host agent's HTTP API as the adapter speaks it: one persistent socket per channel (TLS with
 * the agents' pinned certificates for {@code https}, plain for a loopback {@code http} agent), typed
 * v1 calls, and where the agents are. Shared by the outbound and inbound sides; depends on the
 * JDK (including {@code javax.net.ssl} and {@code javax.security.auth.x500}), the wire records
 * and the invocation's codec ({@code dev.hearth.protocol.wire}, {@code .wire.json}), the connector
 * API's {@code HostAgentException}, JSON-B, JSON-P's {@code JsonException} and the Connector API's
 * {@code ResourceException} only.
 */
package dev.hearth.hypervisor.adapter.transport;
