/**
 * The invocation's two documents, {@code InvokeRequest} and {@code InvokeResult}, written and read
 * with JSON-P's streaming API instead of JSON-B's reflection: the one code the resource adapter and
 * the host agent both use on the warm path, in the JSON that JSON-B writes for the same records.
 * Depends on {@code java.*}, JSON-P ({@code jakarta.json}, {@code .spi}, {@code .stream}; brought by
 * its user: Payara, the agent's jar) and the wire records ({@code dev.hearth.protocol.wire}).
 */
package dev.hearth.protocol.wire.json;
