/**
 * Safe reading of users' code archives (zip or tar.gz): every limit is checked against the bytes
 * actually inflated, paths are confined to the archive root, links and special files are refused,
 * and entry names may hold only characters a user sees as they are.
 * Used by the application server to judge uploads ({@code CodeArchive.index}: no file's content kept
 * but the manifest's) and by the host agent to unpack them ({@code read}, {@code extractTo}). May
 * depend on {@code java.*}, Apache Commons Compress and {@code dev.hearth.domain.rules} (the limits).
 */
package dev.hearth.protocol.archive;
