package dev.hearth.domain.function;

/**
 * A part of a function's code with its own entry point: {@code path} is its folder inside the
 * code package ({@code .} for the root), {@code handler} what the runtime calls (for example
 * {@code app.handler}; for {@code provided} the name passed as {@code _HANDLER}).
 */
public record Portion(String name, String path, String handler, TrustLevel trustLevel) {}
