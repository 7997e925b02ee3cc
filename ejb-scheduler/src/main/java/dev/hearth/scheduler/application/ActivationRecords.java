package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;

/**
 * Where invocations hand their activation records over: written after {@link #add} returns, but
 * this member's reads ({@link ActivationRepository}, {@link ActivationHistory}) see a record at
 * once; other members see it once written (docs/adr/0037-activations-written-behind.md). A plain
 * CDI bean's call, on every invocation's path: an EJB's plumbing around the hand-over cost more
 * than the hand-over.
 */
public interface ActivationRecords {

    void add(ActivationEntity activation);
}
