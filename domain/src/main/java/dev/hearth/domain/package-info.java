/**
 * Hearth's domain: functions, their manifests and security policies, instances and the pure
 * decisions over them (placement, refill, eviction). Imports {@code java.*} only, so that every
 * decision is a function over an immutable snapshot, testable without a server; an ArchUnit test
 * keeps it so.
 */
package dev.hearth.domain;
