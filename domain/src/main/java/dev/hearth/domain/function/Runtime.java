package dev.hearth.domain.function;

import java.util.Arrays;
import java.util.Optional;

/** The language runtimes an instance can be booted with. */
public enum Runtime {
    /** An executable {@code bootstrap} that speaks the Lambda Runtime API itself. */
    PROVIDED("provided"),
    PYTHON3("python3"),
    NODEJS("nodejs");

    private final String id;

    Runtime(String id) {
        this.id = id;
    }

    /** The name used in manifests, on the wire and in the API. */
    public String id() {
        return id;
    }

    public static Optional<Runtime> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
