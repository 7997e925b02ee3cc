/**
 * The {@code qemu} instance driver: each instance a QEMU virtual machine (KVM where hardware
 * virtualisation works, TCG elsewhere) whose guest agent, on virtio-serial, runs the function's
 * runtime and relays its Runtime API to the agent's {@code runtimeapi} server, so that the same
 * contract holds as for the {@code sandbox} driver. Also the initramfs it boots (from the folder
 * {@code guest/build-guest} prepares) and the QMP client. May depend on {@code java.*}, Jakarta
 * JSON Processing, the connector API's wire types and this agent's {@code driver} and {@code
 * runtimeapi} packages.
 */
package dev.hearth.hypervisor.host.qemu;
