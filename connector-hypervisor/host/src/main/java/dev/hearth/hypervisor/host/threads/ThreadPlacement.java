package dev.hearth.hypervisor.host.threads;

/**
 * Where a new thread of {@link BoundedThreads} goes before its first task: the agent's threads
 * that serve one instance's containers are charged to that instance, so that the CPU a hostile
 * container makes them spend is weighed with the container's tenant, not the agent's.
 */
@FunctionalInterface
public interface ThreadPlacement {

    /** Threads stay where the agent's others are. */
    ThreadPlacement AGENTS_OWN = () -> {};

    /** Moves the calling thread; a thread that cannot be moved stays where it is. */
    void placeCurrentThread();
}
