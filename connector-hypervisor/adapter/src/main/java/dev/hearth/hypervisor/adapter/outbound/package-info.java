/**
 * Outbound connections: pooled, persistent HTTP/1.1 connections to one host agent, one socket per
 * managed connection, so that a warm invocation costs one request on an open connection. May
 * depend on the adapter's root package, the connector API and JSON-B.
 */
package dev.hearth.hypervisor.adapter.outbound;
