package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;

/** A secret as its owner sees it: its name and version, never its value. */
public record SecretView(String functionName, String name, int version, String updatedBy, OffsetDateTime updatedAt) {}
