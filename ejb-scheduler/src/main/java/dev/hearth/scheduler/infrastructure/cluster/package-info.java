/**
 * Which member of the control plane this server is and which members are alive: the {@link
 * dev.hearth.scheduler.pool.ClusterMembership} port on Payara's server instance name and its
 * Domain Data Grid. May depend on CDI, JNDI, Hazelcast's API (the grid's, provided by Payara), the
 * domain and the pool's port only.
 */
package dev.hearth.scheduler.infrastructure.cluster;
