/**
 * Hearth's HTTP API as the CLI calls it: one method per operation of web-api's resources. Depends on
 * {@code java.*}, JSON-P and the CLI's http and output packages.
 */
package dev.hearth.cli.api;
