/**
 * JSON wire types of the host agent's REST API, version 1 ({@code /v1}). Immutable records,
 * (de)serialised with JSON-B by both the resource adapter and the agent. Each record has one
 * constructor, the one JSON-B reads with, and offers its shorter forms as static factories, so
 * that it needs no JSON-B annotation. Depends on {@code java.*} only.
 */
package dev.hearth.protocol.wire;
