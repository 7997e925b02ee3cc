/**
 * The {@link dev.hearth.scheduler.application.LogShipper} over a plain socket (TLS for https):
 * posts an invocation's logs as JSON to the user's endpoint, at the address the destination guard
 * checked, within one deadline that a task of the server's managed scheduled executor keeps. May
 * depend on CDI and Jakarta Annotations (the executor's {@code @Resource}), the JDK's {@code
 * javax.net} sockets, the application's interfaces, the domain and Jakarta JSON Processing.
 */
package dev.hearth.scheduler.infrastructure.logging;
