/**
 * The AWS Lambda Runtime API ({@code /2018-06-01/runtime/...}) that the agent serves to the code
 * inside one instance, over a Unix socket: a minimal HTTP/1.1 keep-alive server and the hand-over
 * of events and replies between an invocation and the runtime, bounded against hostile code. May
 * depend on {@code java.*}, JSON-P ({@code jakarta.json}, for error documents) and the agent's
 * bounded threads only.
 */
package dev.hearth.hypervisor.host.runtimeapi;
