/**
 * Which member of the control plane this server is and which members are alive: the {@link
 * dev.hearth.scheduler.pool.ClusterMembership} port on Payara's own view of its server instance.
 * May depend on CDI, the domain and the pool's port only.
 */
package dev.hearth.scheduler.infrastructure.cluster;
