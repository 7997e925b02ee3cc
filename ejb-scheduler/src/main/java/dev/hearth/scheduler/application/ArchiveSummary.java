package dev.hearth.scheduler.application;

import java.time.Instant;
import java.time.LocalDate;

/** A day's activation archive without its content: its size, how many records it holds, when it was written. */
public record ArchiveSummary(LocalDate day, long sizeBytes, int records, Instant archivedAt) {}
