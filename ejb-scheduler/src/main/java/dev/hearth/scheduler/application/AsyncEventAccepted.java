package dev.hearth.scheduler.application;

/** Fired when an async event is queued; observed after the commit to hand it to a worker at once. */
public record AsyncEventAccepted(String eventId) {}
