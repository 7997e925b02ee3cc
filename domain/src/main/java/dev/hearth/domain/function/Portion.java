package dev.hearth.domain.function;

import java.util.List;
import java.util.Map;

/**
 * A part of a function's code with its own entry point: {@code path} is its folder inside the
 * code package ({@code .} for the root), {@code handler} what the runtime calls (for example
 * {@code app.handler}; for {@code provided} the name passed as {@code _HANDLER}). {@code
 * environment} holds the variables given to this portion alone; {@code secrets} names the
 * function's secrets it receives (a trusted portion only).
 */
public record Portion(
        String name,
        String path,
        String handler,
        TrustLevel trustLevel,
        Map<String, String> environment,
        List<String> secrets) {

    public Portion {
        environment = Map.copyOf(environment);
        secrets = List.copyOf(secrets);
    }

    /** A portion with no variables of its own and no secrets. */
    public Portion(String name, String path, String handler, TrustLevel trustLevel) {
        this(name, path, handler, trustLevel, Map.of(), List.of());
    }
}
