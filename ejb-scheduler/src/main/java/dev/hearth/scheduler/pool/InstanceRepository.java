package dev.hearth.scheduler.pool;

import java.util.List;

/** The instances Hearth runs on its hosts, as the pool writes them through. */
public interface InstanceRepository {

    List<InstanceRecord> all();

    List<InstanceRecord> onHost(String hostId);

    void add(InstanceRecord instance);

    /** Records that the instance now belongs to {@code owner} and runs the function's code {@code codeSha256}. */
    void assign(String instanceId, String owner, String functionId, String codeSha256);

    /** Forgets the instance; a missing one is not an error. */
    void remove(String instanceId);
}
