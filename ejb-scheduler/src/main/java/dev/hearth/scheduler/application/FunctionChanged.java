package dev.hearth.scheduler.application;

/**
 * Fired when a function was deployed, redeployed or deleted, within the transaction that does it:
 * what keeps functions in memory ({@link FunctionsToRun}) forgets them then and once it ended.
 */
public record FunctionChanged(String name) {}
