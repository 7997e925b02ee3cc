/**
 * The {@code sandbox} driver: an instance is a memory, pids and cpu cgroup with a tmpfs for logs;
 * each portion of its function runs in a container of its own, with its own uid, its own empty
 * network, pid, ipc, uts, mount and cgroup namespaces, a read-only root, a bounded /tmp, rlimits,
 * no capabilities and a seccomp filter, in a child cgroup. The agent's container runtime runs it:
 * a bubblewrap process tree (the default), or runc from an OCI bundle that says the same. Inside,
 * socat relays the Runtime API port to a Unix socket the agent serves, and for a trusted portion
 * the python3 runtime's threads or a relay process ({@code egress_relay.py}) the egress proxy port to
 * another; the agent's threads that serve them are charged to the instance's cpu
 * cgroup. A warming-pool instance starts with two stem cells (an
 * untrusted and a trusted container whose runtime waits for its function), which its first
 * invocation stages instead of starting containers. A container's {@code /usr} is the runtime image the
 * driver builds at start from the host's files; the agent's working files, that image among them,
 * lie on its {@link dev.hearth.hypervisor.host.sandbox.StateVolume}, so that nothing bound into a
 * container comes from the host's disk. Drives the host's {@code bwrap}, {@code runc}, {@code socat}, {@code
 * prlimit}, {@code setpriv}, {@code ldd}, {@code mkfs.ext4} and {@code mount} through {@link java.lang.ProcessBuilder} and cgroup
 * v1 through its files. May depend on {@code java.*}, JSON-P (for the OCI configuration and the staging document), the
 * wire types, {@code ..host.code} (staging a portion's code), {@code ..host.driver}, {@code ..host.runtimeapi}, {@code ..host.egress}, {@code ..host.threads}, the domain's network
 * package and {@code dev.hearth.protocol.host} (this host's own addresses).
 */
package dev.hearth.hypervisor.host.sandbox;
