/**
 * The agent's REST+JSON API, version 1, on the JDK's HTTP server: routing, bearer-secret
 * authentication, JSON-B (de)serialisation of the wire records and problem+json errors. Thin:
 * the work is in {@code ..host.instances} and {@code ..host.code}. May depend on {@code java.*},
 * {@code com.sun.net.httpserver}, JSON-B, the connector API and those packages.
 */
package dev.hearth.hypervisor.host.http;
