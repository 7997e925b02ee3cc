package dev.hearth.domain.placement;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an instance is in its life. An instance belongs to one owner from the moment it is
 * claimed or booted for them until it is destroyed; it never returns to the warming pool. Each
 * transition is a method that returns the next state or refuses with {@link
 * IllegalStateException} when it is not allowed from the current one.
 */
public sealed interface InstanceLifecycle {

    /** The owner this instance is bound to, if any. */
    Optional<String> owner();

    /** The boot finished and nobody claimed the instance: it joins the warming pool. */
    default Warming joinPool() {
        throw refused(this, "join the warming pool");
    }

    /** The boot finished for {@code owner}, who uses it at once. */
    default Busy bootedFor(String owner, Instant at) {
        throw refused(this, "finish booting");
    }

    /** {@code owner} takes the instance from the warming pool and uses it at once. */
    default Busy claim(String owner, Instant at) {
        throw refused(this, "be claimed");
    }

    /** The owner starts an invocation on their idle instance. */
    default Busy begin(Instant at) {
        throw refused(this, "begin an invocation");
    }

    /** The invocation ended; the instance waits, warm, for its owner. */
    default Assigned finish(Instant at) {
        throw refused(this, "finish an invocation");
    }

    default Destroyed destroy() {
        return new Destroyed();
    }

    private static IllegalStateException refused(InstanceLifecycle from, String transition) {
        return new IllegalStateException("an instance that is "
                + from.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " cannot " + transition);
    }

    /**
     * Being created by its host agent, for the warming pool ({@code forOwner} empty) or for one
     * owner's invocation; takes a slot but serves nobody yet.
     */
    record Booting(Optional<String> forOwner) implements InstanceLifecycle {

        public Booting {
            Objects.requireNonNull(forOwner, "forOwner");
        }

        public static Booting forPool() {
            return new Booting(Optional.empty());
        }

        public static Booting forOwner(String owner) {
            return new Booting(Optional.of(owner));
        }

        @Override
        public Optional<String> owner() {
            return Optional.empty();
        }

        @Override
        public Warming joinPool() {
            if (forOwner.isPresent()) {
                throw refused(this, "join the warming pool: it was booted for an owner");
            }
            return new Warming();
        }

        @Override
        public Busy bootedFor(String owner, Instant at) {
            if (!forOwner.equals(Optional.of(owner))) {
                throw refused(this, "finish booting for " + owner);
            }
            return new Busy(owner, at);
        }
    }

    /** In the warming pool: runtime loaded, assigned to nobody. */
    record Warming() implements InstanceLifecycle {
        @Override
        public Optional<String> owner() {
            return Optional.empty();
        }

        @Override
        public Busy claim(String owner, Instant at) {
            return new Busy(owner, at);
        }
    }

    /** Idle, keeping its owner's code warm since {@code lastUsed}. */
    record Assigned(String ownerName, Instant lastUsed) implements InstanceLifecycle {
        @Override
        public Optional<String> owner() {
            return Optional.of(ownerName);
        }

        @Override
        public Busy begin(Instant at) {
            return new Busy(ownerName, at);
        }
    }

    /** Running one of its owner's invocations since {@code since}. */
    record Busy(String ownerName, Instant since) implements InstanceLifecycle {
        @Override
        public Optional<String> owner() {
            return Optional.of(ownerName);
        }

        @Override
        public Assigned finish(Instant at) {
            return new Assigned(ownerName, at);
        }
    }

    /** Gone for good. */
    record Destroyed() implements InstanceLifecycle {
        @Override
        public Optional<String> owner() {
            return Optional.empty();
        }

        @Override
        public Destroyed destroy() {
            throw refused(this, "be destroyed again");
        }
    }
}
