/**
 * Outbound connections: pooled, persistent HTTP/1.1 connections to one host agent, one socket per
 * managed connection, so that a warm invocation costs one request on an open connection; a
 * transport failure reports the managed connection broken, so that the pool replaces it. May
 * depend on the adapter's {@code transport} package, the connector API, the wire records, {@code jakarta.resource}
 * (with the {@code javax.naming}, {@code javax.security.auth} and {@code javax.transaction.xa} types
 * its interfaces name) and JSON-B.
 */
package dev.hearth.hypervisor.adapter.outbound;
