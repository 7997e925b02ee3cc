package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxCommandsTest {

    private static final HostLayout MERGED_USR =
            new HostLayout(List.of("/usr", "/etc/ld.so.cache"), Map.of("/lib", "usr/lib", "/bin", "usr/bin"));

    private static ContainerSpec spec(String runtime, String portionPath, Map<String, String> env) {
        return new ContainerSpec(
                "hearth-abc",
                200_001,
                List.of(Path.of("/sys/fs/cgroup/memory/hearth/abc/c1/cgroup.procs")),
                Path.of("/state/code/1234"),
                Path.of("/state/runtimes"),
                Path.of("/state/etc"),
                16L << 20,
                runtime,
                portionPath,
                "app.handler",
                "hello",
                128,
                env);
    }

    @Test
    void runsTheContainerAsItsOwnUidInTheInstanceNamespace() {
        List<String> argv = SandboxCommands.container(spec("python3", "", Map.of()), MERGED_USR);

        assertEquals(List.of("ip", "netns", "exec", "hearth-abc", "setpriv", "--reuid", "200001"), argv.subList(0, 7));
        assertTrue(Collections.indexOfSubList(argv, List.of("--uid", "200001", "--gid", "200001")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--cap-drop", "ALL", "--clearenv")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--ro-bind", "/usr", "/usr")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--symlink", "usr/lib", "/lib")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--size", "16777216", "--tmpfs", "/tmp")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--ro-bind", "/state/code/1234", "/var/task")) > 0);
        assertTrue(Collections.indexOfSubList(argv, List.of("--ro-bind", "/state/runtimes", "/opt/hearth")) > 0);
        assertEquals(
                List.of("--", "/usr/bin/python3", "-B", "/opt/hearth/python3/bootstrap.py"),
                argv.subList(argv.size() - 4, argv.size()));
    }

    @Test
    void aProvidedRuntimeRunsThePortionsBootstrap() {
        assertEquals(
                List.of("/var/task/sub/dir/bootstrap"),
                SandboxCommands.runtimeCommand(spec("provided", "sub/dir", Map.of())));
    }

    @Test
    void theRuntimeApiAndLambdaVariablesCannotBeOverridden() {
        Map<String, String> env = SandboxCommands.environment(
                spec("nodejs", "", Map.of("AWS_LAMBDA_RUNTIME_API", "10.0.0.1:80", "GREETING", "hi")));

        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("hi", env.get("GREETING"));
        assertEquals("app.handler", env.get("_HANDLER"));
        assertEquals("/var/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("hello", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("128", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
    }

    @Test
    void theProcessJoinsItsCgroupsBeforeItsCommandRuns() {
        List<String> argv = SandboxCommands.inCgroups(
                List.of(Path.of("/m/cgroup.procs"), Path.of("/p/cgroup.procs")), List.of("socat", "x"));

        assertEquals("/bin/sh", argv.get(0));
        assertEquals(List.of("2", "/m/cgroup.procs", "/p/cgroup.procs", "socat", "x"), argv.subList(4, 9));
    }

    @Test
    void theRelayListensOnLoopbackWithNodelay() {
        assertEquals(
                List.of(
                        "ip",
                        "netns",
                        "exec",
                        "hearth-abc",
                        "socat",
                        "TCP-LISTEN:9001,bind=127.0.0.1,fork,reuseaddr,nodelay",
                        "UNIX-CONNECT:/state/instances/abc/runtime.sock"),
                SandboxCommands.relay("hearth-abc", Path.of("/state/instances/abc/runtime.sock")));
    }
}
