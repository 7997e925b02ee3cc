package dev.hearth.scheduler.application;

/**
 * Fired when schedules were created, changed or deleted; observed once the transaction committed,
 * so that the timers are reconciled with what the table now holds.
 */
public record SchedulesChanged() {}
