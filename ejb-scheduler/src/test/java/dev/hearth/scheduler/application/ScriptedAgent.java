package dev.hearth.scheduler.application;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.HostSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host agent behind the gateway, scripted by a test: it boots, lists and destroys instances
 * in memory, answers invocations from {@link #answers} (then {@code success}, with containers
 * created at an instance's first invocation only), and can be down or refuse.
 */
final class ScriptedAgent implements HypervisorGateway {

    private final HostSnapshot host;
    final Map<String, AgentInstance> running = new LinkedHashMap<>();
    final List<String> destroyed = new ArrayList<>();
    final List<String> uploaded = new ArrayList<>();
    final List<String> invokedOn = new ArrayList<>();
    private final Set<String> withContainers = new HashSet<>();
    final Deque<InvokeOutcome> answers = new ArrayDeque<>();
    boolean down;
    boolean refuseBoots;
    int refusalsLeft;
    private int booted;

    ScriptedAgent(HostSnapshot host) {
        this.host = host;
    }

    @Override
    public List<String> hostIds() {
        return List.of(host.hostId());
    }

    @Override
    public HostSnapshot host(String hostId) {
        answer();
        return host;
    }

    @Override
    public AgentInstance createInstance(
            String hostId, String member, String owner, Runtime runtime, Isolation isolation) {
        answer();
        if (refuseBoots) {
            throw new HostAgentFailure.Refused("503: no room", null);
        }
        AgentInstance instance = new AgentInstance("w" + ++booted, hostId, AgentInstance.State.READY, member);
        running.put(instance.instanceId(), instance);
        return instance;
    }

    @Override
    public List<AgentInstance> listInstances(String hostId) {
        answer();
        return List.copyOf(running.values());
    }

    @Override
    public void destroyInstance(String hostId, String instanceId) {
        answer();
        running.remove(instanceId);
        destroyed.add(instanceId);
    }

    @Override
    public void uploadCode(String hostId, String sha256, byte[] archive) {
        answer();
        uploaded.add(sha256);
    }

    @Override
    public InvokeOutcome invoke(String hostId, String instanceId, Invocation invocation) {
        invokedOn.add(instanceId);
        InvokeOutcome next = answers.poll();
        return next != null
                ? next
                : new InvokeOutcome.Invoked(
                        invocation.invocationId(),
                        "success",
                        "{\"ok\":true}",
                        withContainers.add(instanceId),
                        0,
                        1,
                        "");
    }

    private void answer() {
        if (down) {
            throw new HostAgentFailure.Unreachable("connection refused", null);
        }
        if (refusalsLeft > 0) {
            refusalsLeft--;
            throw new HostAgentFailure.Refused("500: stale connection", null);
        }
    }
}
