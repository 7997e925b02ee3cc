package dev.hearth.scheduler.application;

import java.time.OffsetDateTime;

/** A grant of a function to a principal, as its owner sees it. */
public record GrantView(String functionName, String principal, String grantedBy, OffsetDateTime grantedAt) {}
