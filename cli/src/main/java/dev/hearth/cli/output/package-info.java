/**
 * What the CLI prints: JSON as the server sent it (pretty) for {@code --output json}, readable
 * tables and lines otherwise, and manual pages (troff). Depends on {@code java.*} and JSON-P only.
 */
package dev.hearth.cli.output;
