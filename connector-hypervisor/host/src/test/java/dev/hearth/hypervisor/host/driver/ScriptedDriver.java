package dev.hearth.hypervisor.host.driver;

import dev.hearth.protocol.wire.InvokeResult;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code sandbox} driver for {@code python3} whose instances boot at once, run nothing and never
 * die: each invocation is answered by the function it was made with. For the tests of what lies
 * around the drivers (the registry, the HTTP API), without root.
 */
public final class ScriptedDriver implements InstanceDriver {

    private final Function<Invocation, InvokeResult> answer;

    public ScriptedDriver(Function<Invocation, InvokeResult> answer) {
        this.answer = answer;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public List<String> runtimes() {
        return List.of("python3");
    }

    @Override
    public void cleanUpLeftovers() {}

    @Override
    public DriverInstance boot(String instanceId, String readyFor) {
        return new DriverInstance() {
            @Override
            public InvokeResult invoke(Invocation invocation) {
                return answer.apply(invocation);
            }

            @Override
            public boolean alive() {
                return true;
            }

            @Override
            public void destroy() {}
        };
    }

    @Override
    public void close() {}
}
