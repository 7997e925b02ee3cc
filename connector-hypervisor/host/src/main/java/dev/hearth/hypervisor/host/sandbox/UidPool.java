package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.util.BitSet;

/**
 * Hands each running container a uid of its own, unused by any other container of this agent,
 * so that per-uid kernel limits and file ownership never join two containers.
 */
final class UidPool {

    private final int first;
    private final int size;
    private final BitSet used;
    private int next;

    UidPool(int first, int size) {
        this.first = first;
        this.size = size;
        this.used = new BitSet(size);
    }

    synchronized int acquire() throws DriverException {
        int free = used.nextClearBit(next);
        if (free >= size) {
            free = used.nextClearBit(0);
        }
        if (free >= size) {
            throw new DriverException("all " + size + " container uids are in use");
        }
        used.set(free);
        next = (free + 1) % size;
        return first + free;
    }

    synchronized void release(int uid) {
        used.clear(uid - first);
    }
}
