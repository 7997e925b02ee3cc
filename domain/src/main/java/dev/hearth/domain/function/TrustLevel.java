package dev.hearth.domain.function;

import java.util.Arrays;
import java.util.Optional;

/** Whether a portion runs with a credential ({@code trusted}) or without one. */
public enum TrustLevel {
    TRUSTED("trusted"),
    UNTRUSTED("untrusted");

    private final String id;

    TrustLevel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<TrustLevel> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
