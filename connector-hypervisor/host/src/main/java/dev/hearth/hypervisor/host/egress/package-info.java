/**
 * The agent's egress path: a per-container HTTP proxy (CONNECT tunnels and plain HTTP) on a Unix
 * socket that lets a trusted container reach only the {@code host:port} pairs of its function's
 * allow-list, and only where the domain's destination guard allows at connect time; it counts
 * what it refuses and bounds what one container may hold, and reads a request to the auxiliary
 * services whole before Payara sees it. May depend on {@code java.*}, the domain's network
 * package, its {@code EgressDestination} (how an allow-list entry is compared) and {@code Limits}
 * (what the auxiliary services accept), and the agent's bounded threads.
 */
package dev.hearth.hypervisor.host.egress;
