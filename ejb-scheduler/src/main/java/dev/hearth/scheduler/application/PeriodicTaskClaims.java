package dev.hearth.scheduler.application;

/**
 * Decides which member runs a periodic task for a period: every member's timer asks, one wins
 * (docs/adr/0026: timers are each member's own).
 */
public interface PeriodicTaskClaims {

    /**
     * Whether this call moved the task's last slot forward to {@code slot}: true for exactly one
     * caller per task and slot, in its own transaction.
     */
    boolean claim(String task, long slot);
}
