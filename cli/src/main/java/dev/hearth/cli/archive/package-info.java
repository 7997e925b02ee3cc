/**
 * The code archive {@code deploy} sends: a function's folder zipped as the server reads it.
 * Depends on {@code java.*}, commons-compress and the CLI's failure type.
 */
package dev.hearth.cli.archive;
