/**
 * The agent's REST+JSON API, version 1, on the JDK's HTTP server: routing, bearer-secret
 * authentication, the wire records read and written (the invocation's with the protocol's {@code
 * InvokeJson}, the others with JSON-B) and problem+json errors. Thin: the work is in {@code
 * ..host.instances} and {@code ..host.code}, the events in {@code ..host.events}. May depend on
 * {@code java.*} (with {@code javax.net.ssl}), {@code com.sun.net.httpserver}, JSON-B, JSON-P's
 * {@code JsonException}, the wire records, their invocation codec and the archive checker ({@code
 * dev.hearth.protocol.wire}, {@code .wire.json}, {@code .archive}) and those packages.
 */
package dev.hearth.hypervisor.host.http;
