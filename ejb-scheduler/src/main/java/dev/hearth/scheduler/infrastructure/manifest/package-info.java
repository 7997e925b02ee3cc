/**
 * Reading a function's {@code hearth.json} with Jakarta JSON-P into the domain's raw manifest,
 * with one-line problems for malformed JSON and wrong types; size, nesting and duplicate keys are
 * bounded before a tree is built. May depend on CDI, the application's interfaces, the domain
 * and {@code jakarta.json}.
 */
package dev.hearth.scheduler.infrastructure.manifest;
