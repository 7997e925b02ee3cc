/**
 * Async invocations' decisions: the per-function retry settings and their limits, the backoff
 * between attempts, and what follows an attempt (done, another attempt, the dead-letter store)
 * and whose events free workers run next, each a pure function over the events' state. Depends on {@code java.*} only.
 */
package dev.hearth.domain.async;
