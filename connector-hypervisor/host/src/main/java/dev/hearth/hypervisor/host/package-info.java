/**
 * The host agent daemon: its configuration, and start-up, which makes the drivers, the code store,
 * the registry of instances ({@code ..host.instances}) and the HTTP API, and wires them together.
 * May depend on {@code java.*}, the wire records ({@code dev.hearth.protocol.wire}) and this agent's own packages.
 */
package dev.hearth.hypervisor.host;
