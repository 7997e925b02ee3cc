/**
 * The {@link dev.hearth.scheduler.application.LogShipper} over a plain socket (TLS for https):
 * posts an invocation's logs as JSON to the user's endpoint, at the address the destination guard
 * checked. May depend on CDI, the JDK's {@code javax.net} sockets, the application's interfaces,
 * the domain and Jakarta JSON Processing.
 */
package dev.hearth.scheduler.infrastructure.logging;
