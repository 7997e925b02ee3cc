package dev.hearth.domain.readiness;

/** One aspect's readiness: what holds, or what is missing. */
public sealed interface Readiness {

    /** Ready; {@code note} says on what (which agents, which realm, which database). */
    record Ready(String note) implements Readiness {}

    /** Not ready; {@code reason} says what is missing and which setting supplies it. */
    record NotReady(String reason) implements Readiness {}
}
