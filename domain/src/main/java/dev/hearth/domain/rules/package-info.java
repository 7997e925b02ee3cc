/**
 * Every limit and naming rule Hearth enforces, each stated once: the web layer, the scheduler and
 * the host agent check requests against these, so that no layer refuses what another accepted.
 * Depends on {@code java.*} only.
 */
package dev.hearth.domain.rules;
