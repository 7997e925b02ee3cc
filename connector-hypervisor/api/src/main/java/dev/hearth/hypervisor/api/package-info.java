/**
 * The contract between Hearth's application server and a host agent: the JCA connection
 * interfaces that EJBs program against. Interfaces and exceptions only; the resource adapter
 * implements them. May depend on {@code java.*}, {@code jakarta.resource} and the wire records
 * ({@code dev.hearth.protocol.wire}).
 */
package dev.hearth.hypervisor.api;
