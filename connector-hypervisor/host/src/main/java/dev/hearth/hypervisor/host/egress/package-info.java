/**
 * The agent's egress path: a per-container HTTP proxy (CONNECT tunnels and plain HTTP) on a Unix
 * socket that lets a trusted container reach only the {@code host:port} pairs of its function's
 * allow-list, and counts what it refuses. May depend on {@code java.*} only.
 */
package dev.hearth.hypervisor.host.egress;
