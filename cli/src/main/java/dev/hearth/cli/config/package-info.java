/**
 * The CLI's settings on disk: its config folder (XDG) and the profiles that say where a Hearth and
 * its realm are. Depends on {@code java.*} and the CLI's failure type and environment only.
 */
package dev.hearth.cli.config;
