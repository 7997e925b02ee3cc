/**
 * Threads the agent spends on one container's connections, bounded so that hostile code inside
 * the container cannot make the agent grow them. May depend on {@code java.*} only.
 */
package dev.hearth.hypervisor.host.threads;
