package dev.hearth.scheduler.pool;

import java.time.Instant;

/**
 * What the pool writes through for one instance, so that a restarted server knows which instances
 * are whose. {@code member} is the member of the control plane that holds it, null in rows written
 * before instances had one; {@code owner} is null for a warming-pool instance, {@code functionId} and
 * {@code codeSha256} while it runs no code; {@code runtime} and {@code isolation} are ids as stored, which a row of an older
 * release may hold for a runtime this one no longer knows.
 */
public record InstanceRecord(
        String instanceId,
        String hostId,
        String member,
        String owner,
        String runtime,
        String isolation,
        String functionId,
        String codeSha256,
        Instant createdAt) {

    /** The same instance, now belonging to {@code newOwner} and running the function's code {@code sha256}. */
    public InstanceRecord assignedTo(String newOwner, String newFunctionId, String sha256) {
        return new InstanceRecord(
                instanceId, hostId, member, newOwner, runtime, isolation, newFunctionId, sha256, createdAt);
    }
}
