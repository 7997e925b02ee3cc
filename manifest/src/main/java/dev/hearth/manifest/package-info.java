/**
 * Whether an upload may become a function, judged by one code wherever it is judged: the server at
 * upload, the CLI before it sends. A code archive is read and checked ({@code CodeArchive} of the
 * protocol module), its {@code hearth.json} read with JSON-P into the domain's raw manifest
 * (one-line problems for malformed JSON and wrong types; size, nesting and duplicate keys bounded
 * before a tree is built), and the manifest judged by the domain's {@code ManifestRules}. May depend
 * on {@code java.*}, {@code jakarta.json}, the domain and the protocol's {@code archive} package.
 */
package dev.hearth.manifest;
