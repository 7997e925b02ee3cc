/**
 * The agent's REST+JSON API, version 1, on the JDK's HTTP server: routing, bearer-secret
 * authentication, JSON-B (de)serialisation of the wire records and problem+json errors. Thin:
 * the work is in {@code ..host.instances} and {@code ..host.code}, the events in {@code
 * ..host.events}. May depend on {@code java.*} (with {@code javax.net.ssl}), {@code
 * com.sun.net.httpserver}, JSON-B, the wire records and the archive checker
 * ({@code dev.hearth.protocol.wire}, {@code .archive}) and those packages.
 */
package dev.hearth.hypervisor.host.http;
