/**
 * JSON wire types of the host agent's REST API, version 1 ({@code /v1}). Immutable records,
 * (de)serialised with JSON-B by both the resource adapter and the agent. Depends on
 * {@code java.*} and JSON-B's annotations only, so that the agent can use them without an
 * application server.
 */
package dev.hearth.hypervisor.api.wire;
