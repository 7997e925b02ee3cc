/**
 * JSON wire types of the host agent's REST API, version 1 ({@code /v1}). Immutable records, which
 * the resource adapter and the agent both write and read: the invocation's two ({@link
 * dev.hearth.protocol.wire.InvokeRequest}, {@link dev.hearth.protocol.wire.InvokeResult}) with
 * {@code dev.hearth.protocol.wire.json.InvokeJson}, the others with JSON-B, in the same JSON either
 * way. Each record has one constructor, the one JSON-B reads with, and offers its shorter forms as
 * static factories, so that it needs no JSON-B annotation. Depends on {@code java.*} only.
 */
package dev.hearth.protocol.wire;
