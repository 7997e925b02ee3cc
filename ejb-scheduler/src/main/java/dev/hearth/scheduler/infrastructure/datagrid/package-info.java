/**
 * What several Payara members share on Payara's Domain Data Grid (its embedded Hazelcast): which
 * members are alive (the pool's {@link dev.hearth.scheduler.pool.ClusterMembership}, ADR 26), the
 * credential bindings and the concurrency limits in grid maps, the settings an admin changes sent
 * to every member on a grid topic (ADR 27); and the choice, at first use, between these and the
 * in-memory ones (the grid off: one server, the quick start). May depend on CDI, Hazelcast's
 * public API ({@code com.hazelcast..}, provided by Payara), the application's interfaces and the
 * records they carry, the pool's membership port and the domain; nothing else sees Hazelcast.
 */
package dev.hearth.scheduler.infrastructure.datagrid;
