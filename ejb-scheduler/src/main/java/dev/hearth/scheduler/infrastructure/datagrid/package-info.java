/**
 * The shared state of several Payara members on Payara's Domain Data Grid (its embedded Hazelcast):
 * the credential bindings and the concurrency limits in grid maps, the settings an admin changes
 * sent to every member on a grid topic; and the choice, at first use, between these and the
 * in-memory ones of the application (the grid off: one server, the quick start). May depend on
 * CDI, Hazelcast's public API ({@code com.hazelcast..}, provided by Payara), the application's
 * interfaces and the records they carry; nothing else sees Hazelcast.
 */
package dev.hearth.scheduler.infrastructure.datagrid;
