/**
 * The in-memory pool of hosts and instances that placement decides over: one CDI bean per member
 * with a read-write lock of its own (ADR 40) that applies the domain's decisions ({@link
 * dev.hearth.domain.placement.Placement}, {@link dev.hearth.domain.placement.Reconciliation})
 * atomically and writes ownership through to the database, and the {@link
 * dev.hearth.scheduler.pool.InstanceLease} through which one invocation holds an instance. May
 * depend on CDI, JTA's {@code @Transactional} and the domain; never on EJB, JPA, the connector or
 * the application services. Its {@link
 * dev.hearth.scheduler.pool.InstanceRepository} is implemented by the persistence adapter, its
 * {@link dev.hearth.scheduler.pool.ClusterMembership} (which instances are this member's, ADR 26)
 * by the cluster adapter.
 */
package dev.hearth.scheduler.pool;
