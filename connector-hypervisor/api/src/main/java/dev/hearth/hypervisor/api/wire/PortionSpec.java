package dev.hearth.hypervisor.api.wire;

/**
 * One portion of a function: {@code path} is the portion's folder inside the code package,
 * {@code handler} its entry point (for example {@code app.handler}), {@code trustLevel} either
 * {@code trusted} or {@code untrusted}.
 */
public record PortionSpec(String name, String path, String handler, String trustLevel) {}
