package dev.hearth.hypervisor.adapter.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

/** Which host agent a connection must reach; pooled connections are matched on it. */
record HostRoute(String hostId) implements ConnectionRequestInfo {}
