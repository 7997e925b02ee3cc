package dev.hearth.domain.function;

import java.util.Arrays;
import java.util.Optional;

/**
 * How strongly a function's instances are isolated from the host: {@code sandbox} (Linux
 * namespaces, cgroups and seccomp; the default) or {@code vm} (a virtual machine of its own). A
 * function's policy may require {@code vm}; only hosts whose agent runs the {@code qemu} driver
 * offer it.
 */
public enum Isolation {
    SANDBOX("sandbox"),
    VM("vm");

    private final String id;

    Isolation(String id) {
        this.id = id;
    }

    /** The name used in manifests, in the API and on the agent's wire. */
    public String id() {
        return id;
    }

    public static Optional<Isolation> byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }
}
