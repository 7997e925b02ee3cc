/**
 * The {@code sandbox} driver: an instance is a loopback-only network namespace, a memory and pids
 * cgroup, a tmpfs for logs and a socat relay to the agent's Runtime API; a container is a
 * bubblewrap process tree with its own uid in that namespace and in a child cgroup. Drives the
 * host's {@code ip}, {@code bwrap}, {@code socat} and {@code setpriv} through {@link
 * java.lang.ProcessBuilder} and cgroup v1 through its files. May depend on {@code java.*}, the
 * wire types, {@code ..host.driver} and {@code ..host.runtimeapi}.
 */
package dev.hearth.hypervisor.host.sandbox;
