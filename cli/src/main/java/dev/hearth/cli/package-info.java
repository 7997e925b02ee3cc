/**
 * The {@code hearth-cli} command-line client: its entry point, global options, exit codes and the
 * one failure type every part reports with. Depends on {@code java.*}, picocli, JSON-P and the CLI's
 * own packages.
 */
package dev.hearth.cli;
