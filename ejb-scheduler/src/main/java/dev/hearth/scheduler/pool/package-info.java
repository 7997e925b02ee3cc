/**
 * The in-memory pool of hosts and instances that placement decides over: a singleton EJB that
 * applies {@link dev.hearth.domain.placement.Placement}'s decisions atomically and writes
 * ownership through to the database. May depend on EJB and CDI, the domain, the persistence
 * entities and the connector's wire types; never on the application services. Its {@link dev.hearth.scheduler.pool.InstanceRepository} is implemented by the persistence adapter.
 */
package dev.hearth.scheduler.pool;
