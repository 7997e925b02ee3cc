package dev.hearth.hypervisor.host.driver;

/**
 * Where a driver reports what happened without being asked. {@code type} is one of the
 * constants here, the wire names of {@code AgentEvent.type}.
 */
@FunctionalInterface
public interface EventSink {

    String INSTANCE_DIED = "instance_died";
    String CONTAINER_EXITED = "container_exited";
    String OUT_OF_MEMORY = "out_of_memory";
    String TIMED_OUT = "timed_out";

    void publish(String type, String instanceId, String detail);
}
