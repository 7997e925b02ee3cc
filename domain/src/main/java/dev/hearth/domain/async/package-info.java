/**
 * Async invocations' decisions: the per-function retry settings and their limits, the backoff
 * between attempts, and what follows an attempt (done, another attempt, the dead-letter store),
 * each a pure function over the event's state. Depends on {@code java.*} only.
 */
package dev.hearth.domain.async;
