package dev.hearth.scheduler.pool;

import java.util.Set;

/** Which hosts an admin is draining, kept across restarts. */
public interface HostRepository {

    Set<String> drainingHostIds();

    void setDraining(String hostId, boolean draining);
}
