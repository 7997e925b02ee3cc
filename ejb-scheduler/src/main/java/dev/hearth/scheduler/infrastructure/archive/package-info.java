/**
 * Activation archives as {@code .tar.gz} (Apache Commons Compress) holding one JSON-lines entry per
 * day (JSON-P). May depend on Commons Compress, JSON-P, CDI, the application's port and the
 * activation entity it carries.
 */
package dev.hearth.scheduler.infrastructure.archive;
