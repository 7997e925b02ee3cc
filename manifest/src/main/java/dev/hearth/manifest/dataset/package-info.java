/**
 * A batch job's data set, read and judged before anything is stored: JSON lines as they stand, or
 * a tar.gz or zip of JSON-lines files read by the protocol's {@code CodeArchive} (the same checks
 * as a code archive: entry count, sizes, ratio, names, no links). May depend on {@code java.*},
 * {@code jakarta.json}, the domain's limits and the protocol's {@code archive} package.
 */
package dev.hearth.manifest.dataset;
