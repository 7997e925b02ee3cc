package dev.hearth.protocol.wire;

/** An RFC 9457 problem document, as the agent answers every failed request. */
public record Problem(String type, String title, int status, String detail) {}
