/**
 * HTTP for the CLI: one exchange with the JDK's client (printed, credentials masked, with
 * {@code --verbose}) and error answers turned into one-line failures with their exit codes.
 * Depends on {@code java.*}, JSON-P and the CLI's failure and output types.
 */
package dev.hearth.cli.http;
