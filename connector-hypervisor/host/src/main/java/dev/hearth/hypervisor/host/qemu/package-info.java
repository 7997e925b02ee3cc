/**
 * The {@code qemu} instance driver: each instance a QEMU virtual machine (KVM where hardware
 * virtualisation works, TCG elsewhere) whose guest agent, on virtio-serial, runs one container per
 * portion of the function and relays each one's Runtime API to its own {@code runtimeapi} server
 * on the host (the entry's serving the portion calls), so that the same
 * contract holds as for the {@code sandbox} driver: the agent's runtime image is the guest's
 * {@code /usr}, and a VM is paused between invocations as the sandbox's containers are frozen.
 * Also the initramfs it boots (from the folder {@code guest/build-guest} prepares) and the QMP
 * client. May depend on {@code java.*}, Jakarta JSON Processing, the wire records,
 * this agent's {@code code} (staging a portion's code), {@code driver}, {@code runtimeapi} and {@code threads}
 * packages and, of the sandbox driver's, the seccomp filter ({@code ..host.sandbox.SeccompFilter})
 * and the idle setting ({@code ..host.sandbox.IdleContainers}).
 */
package dev.hearth.hypervisor.host.qemu;
