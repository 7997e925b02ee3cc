package dev.hearth.hypervisor.host.driver;

/**
 * The lifecycle of an instance: {@code Booting -> Ready -> Dead}, or {@code Booting -> Dead}
 * when the boot fails. {@link #wireName()} is what {@code InstanceView.state} says.
 */
public sealed interface InstanceState {

    record Booting() implements InstanceState {}

    record Ready(long bootMillis) implements InstanceState {}

    record Dead(String reason) implements InstanceState {}

    default Ready booted(long bootMillis) {
        if (this instanceof Booting) {
            return new Ready(bootMillis);
        }
        throw new IllegalStateException("an instance that is " + wireName() + " cannot finish booting");
    }

    /** Dying is always possible; the first reason is kept. */
    default Dead died(String reason) {
        return this instanceof Dead dead ? dead : new Dead(reason);
    }

    default String wireName() {
        if (this instanceof Booting) {
            return "booting";
        }
        return this instanceof Ready ? "ready" : "dead";
    }
}
