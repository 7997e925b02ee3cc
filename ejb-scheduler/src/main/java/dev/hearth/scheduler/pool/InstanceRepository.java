package dev.hearth.scheduler.pool;

import dev.hearth.persistence.InstanceEntity;
import java.util.List;

/** The instances Hearth runs on its hosts, as the pool writes them through. */
public interface InstanceRepository {

    List<InstanceEntity> all();

    List<InstanceEntity> onHost(String hostId);

    void add(InstanceEntity instance);

    /** Records that the instance now belongs to {@code owner} and runs {@code codeSha256}. */
    void assign(String instanceId, String owner, String codeSha256);

    /** Forgets the instance; a missing one is not an error. */
    void remove(String instanceId);
}
