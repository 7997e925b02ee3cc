/**
 * One class per {@code hearth-cli} command: each parses its arguments (picocli), calls the realm or
 * the API through the root command, and prints. Depends on the CLI's other packages, picocli,
 * JSON-P and the domain's naming rules.
 */
package dev.hearth.cli.command;
