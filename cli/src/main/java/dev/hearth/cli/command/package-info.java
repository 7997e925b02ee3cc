/**
 * One class per {@code hearth-cli} command: each parses its arguments (picocli), calls the realm or
 * the API through the root command, and prints. Depends on the CLI's other packages, picocli,
 * JSON-P, the domain's naming rules, and the upload rules the server judges with ({@code
 * dev.hearth.manifest}, with the domain's network guard) for {@code deploy}, and its data set
 * rules for {@code jobs start}.
 */
package dev.hearth.cli.command;
