package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.driver.Workload;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandsTest {

    static final HostLayout MERGED_USR = new HostLayout(
            List.of(
                    new HostLayout.Bind("/state/image/usr", "/usr"),
                    new HostLayout.Bind("/etc/ld.so.cache", "/etc/ld.so.cache")),
            Map.of("/lib", "usr/lib", "/bin", "usr/bin"));

    /** A container as the driver describes it, on a merged-usr host. */
    static ContainerSpec spec(String runtime, String portionPath, boolean trusted, boolean egress) {
        return new ContainerSpec(
                200_001,
                "hearth/abc/c1",
                new CgroupV1.Limits(128L << 20, 21, 50),
                List.of(Path.of("/sys/fs/cgroup/memory/hearth/abc/c1/cgroup.procs")),
                Path.of("/state/seccomp.bpf"),
                Path.of("/state/containers/abc/c1"),
                Path.of("/state/code/1234"),
                Path.of("/state/runtimes"),
                Path.of("/state/etc"),
                Path.of("/state/mounts"),
                8L << 20,
                new Workload(
                        runtime,
                        "main",
                        portionPath,
                        "app.handler",
                        trusted,
                        "hello",
                        128,
                        Map.of(
                                "AWS_LAMBDA_RUNTIME_API",
                                "10.0.0.1:80",
                                "HEARTH_RUNTIME_API_SOCKET",
                                "/tmp/elsewhere.sock",
                                "HEARTH_EGRESS_RELAY",
                                "3128:/tmp/elsewhere.sock",
                                "GREETING",
                                "hi")),
                egress);
    }

    private static boolean contains(List<String> argv, String... sequence) {
        return Collections.indexOfSubList(argv, List.of(sequence)) >= 0;
    }

    static final SandboxCommands.ProcMasks MASKS =
            new SandboxCommands.ProcMasks(List.of("/proc/kcore", "/proc/timer_list"), List.of("/proc/acpi"));

    private static final Path OPTIONS = Path.of("/state/bwrap/abc-c1");

    /** The launcher's command line and bubblewrap's options, as bubblewrap reads them together. */
    private static List<String> bwrap(ContainerSpec spec) {
        List<String> argv = new ArrayList<>(SandboxCommands.container(spec, OPTIONS));
        argv.addAll(argv.indexOf("--args"), SandboxCommands.bwrapOptions(spec, MERGED_USR, MASKS));
        return argv;
    }

    @Test
    void joinsItsCgroupsAndOpensTheSeccompFilterAndOptionsBeforeAnythingElse() {
        List<String> argv = SandboxCommands.container(spec("python3", "", false, false), OPTIONS);

        assertEquals("/bin/sh", argv.get(0));
        assertEquals(
                List.of(
                        "/state/seccomp.bpf",
                        "/state/bwrap/abc-c1",
                        "1",
                        "/sys/fs/cgroup/memory/hearth/abc/c1/cgroup.procs",
                        "unshare"),
                argv.subList(4, 9));
        assertTrue(contains(bwrap(spec("python3", "", false, false)), "--seccomp", "3"));
    }

    @Test
    void bubblewrapsOwnArgumentsNameNoHostPath() {
        List<String> argv = SandboxCommands.container(spec("python3", "", true, true), OPTIONS);
        List<String> fromBwrap = argv.subList(argv.indexOf("bwrap"), argv.size());

        assertEquals(List.of("bwrap", "--args", "4", "--", "/bin/sh"), fromBwrap.subList(0, 5));
        assertTrue(
                fromBwrap.stream().noneMatch(arg -> arg.contains("/state") || arg.contains("200001")),
                fromBwrap.toString());
    }

    @Test
    void masksProcAsRuncDoes() {
        List<String> options = SandboxCommands.bwrapOptions(spec("python3", "", false, false), MERGED_USR, MASKS);

        assertTrue(contains(options, "--dev-bind", "/dev/null", "/proc/kcore"));
        assertTrue(contains(options, "--dev-bind", "/dev/null", "/proc/timer_list"));
        assertTrue(contains(options, "--tmpfs", "/proc/acpi", "--remount-ro", "/proc/acpi"));
        assertTrue(options.indexOf("/proc/kcore") > options.indexOf("--proc"), "over the container's own /proc");
    }

    @Test
    void findsTheMaskedPathsThisHostHas(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc/acpi"));
        Files.createFile(root.resolve("proc/keys"));

        assertEquals(
                new SandboxCommands.ProcMasks(List.of("/proc/keys"), List.of("/proc/acpi")),
                SandboxCommands.ProcMasks.of(root));
    }

    @Test
    void runsAsItsOwnUidWithoutCapabilitiesInNamespacesOfItsOwn() {
        List<String> argv = bwrap(spec("python3", "", false, false));

        assertTrue(contains(argv, "setpriv", "--reuid", "200001", "--regid", "200001", "--clear-groups"));
        assertTrue(contains(argv, "--uid", "200001", "--gid", "200001", "--disable-userns"));
        for (String unshare : List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net")) {
            assertTrue(argv.contains(unshare), unshare);
        }
        assertTrue(contains(argv, "--cap-drop", "ALL", "--clearenv"));
        assertTrue(contains(argv, "--core=0:0"));
        assertTrue(contains(argv, "--fsize=16777216:16777216"), "files may grow to the log's size, not the host's");
    }

    @Test
    void seesTheHostReadOnlyAndWritesOnlyToItsBoundedTmp() {
        List<String> argv = bwrap(spec("python3", "", false, false));

        assertTrue(contains(argv, "--ro-bind", "/state/image/usr", "/usr"), "the runtime image, not the host's /usr");
        assertTrue(contains(argv, "--symlink", "usr/lib", "/lib"));
        assertTrue(contains(argv, "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        assertTrue(contains(argv, "--bind", "/state/mounts/tmp", "/tmp"));
        assertTrue(contains(argv, "--dev-bind", "/state/mounts/pts", "/dev/pts"));
        assertTrue(contains(argv, "--ro-bind", "/state/code/1234", "/var/task"));
        assertTrue(contains(argv, "--ro-bind", "/state/containers/abc/c1", "/run/hearth"));
        assertTrue(contains(argv, "--remount-ro", "/", "--remount-ro", "/dev"));
        assertTrue(
                Collections.indexOfSubList(argv, List.of("--remount-ro", "/")) > argv.lastIndexOf("--ro-bind"),
                "the root is sealed last");
    }

    @Test
    void mountsItsOwnTmpAndTerminalsWithBoundsInAMountNamespaceOfItsOwn() {
        List<String> argv = SandboxCommands.container(spec("python3", "", false, false), OPTIONS);

        assertTrue(contains(argv, "unshare", "--mount", "--propagation", "private"));
        assertTrue(contains(
                argv,
                "nosuid,nodev,mode=1777,size=8388608,nr_inodes=2048",
                "/state/mounts/tmp",
                "nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,max=16",
                "/state/mounts/pts"));
        assertTrue(argv.indexOf("unshare") < argv.indexOf("setpriv"), "mounted as root, before the uid changes");
    }

    @Test
    void relaysTheRuntimeApiInsideAndThenRunsTheRuntime() {
        List<String> argv = SandboxCommands.container(spec("python3", "", false, false), OPTIONS);
        int init = argv.indexOf("hearth-init");

        assertEquals(
                List.of(
                        "hearth-init",
                        "9001:/run/hearth/runtime.sock",
                        "",
                        "wait",
                        "/usr/bin/python3",
                        "-B",
                        "/opt/hearth/python3/bootstrap.py"),
                argv.subList(init, argv.size()));
        assertTrue(argv.get(init - 1).contains("socat TCP-LISTEN:${1%%:*},bind=127.0.0.1,fork,reuseaddr,nodelay"));
    }

    @Test
    void onlyATrustedPortionWithEgressGetsTheProxy() {
        List<String> untrusted = SandboxCommands.container(spec("nodejs", "", false, false), OPTIONS);
        List<String> trusted = SandboxCommands.container(spec("nodejs", "", true, true), OPTIONS);
        Map<String, String> env = SandboxCommands.environment(spec("nodejs", "", true, true));

        assertFalse(untrusted.contains("3128:/run/hearth/egress.sock"));
        assertTrue(trusted.contains("3128:/run/hearth/egress.sock"));
        assertEquals("http://127.0.0.1:3128", env.get("HTTPS_PROXY"));
        assertEquals("127.0.0.1,localhost", env.get("NO_PROXY"));
        assertEquals("/run/hearth/credential", env.get("HEARTH_CREDENTIAL_FILE"));
        assertFalse(
                SandboxCommands.environment(spec("nodejs", "", false, false)).containsKey("HEARTH_CREDENTIAL_FILE"));
    }

    @Test
    void thePython3RuntimeRelaysItsEgressItselfEveryOtherContainerARelayProcess() {
        ContainerSpec python = spec("python3", "", true, true);
        List<String> node = SandboxCommands.container(spec("nodejs", "", true, true), OPTIONS);

        assertFalse(SandboxCommands.container(python, OPTIONS).contains("3128:/run/hearth/egress.sock"));
        List<String> stem = SandboxCommands.container(spec(SandboxCommands.STEM_RUNTIME, "", true, true), OPTIONS);
        int relays = node.indexOf("9001:/run/hearth/runtime.sock");

        assertEquals(List.of("3128:/run/hearth/egress.sock", ""), node.subList(relays + 1, relays + 3));
        assertEquals(
                "3128",
                SandboxCommands.environment(spec("nodejs", "", true, true)).get("HEARTH_EGRESS_RELAY_PORT"),
                "Node.js waits for the relay itself, while it starts");
        relays = stem.indexOf("9001:/run/hearth/runtime.sock");
        assertEquals(
                List.of("3128:/run/hearth/egress.sock", "wait"),
                stem.subList(relays + 1, relays + 3),
                "a stem cell's first process waits for it");
        assertTrue(
                node.get(node.indexOf("hearth-init") - 1)
                        .contains("/usr/bin/python3 -I -S -B /opt/hearth/python3/egress_relay.py \"$2\" &"),
                "not socat, which forks per connection");
        assertEquals(
                "3128:/run/hearth/egress.sock",
                SandboxCommands.environment(python).get("HEARTH_EGRESS_RELAY"));
        assertEquals(
                "http://127.0.0.1:3128", SandboxCommands.environment(python).get("HTTP_PROXY"));
        assertFalse(
                SandboxCommands.environment(spec("nodejs", "", true, true)).containsKey("HEARTH_EGRESS_RELAY"),
                "the relay process relays for node");
        assertFalse(
                SandboxCommands.environment(spec("python3", "", false, false)).containsKey("HEARTH_EGRESS_RELAY"),
                "a function's own value is dropped where there is no proxy");
    }

    @Test
    void aProvidedRuntimeRunsThePortionsBootstrap() {
        assertEquals(
                List.of("/var/task/sub/dir/bootstrap"),
                SandboxCommands.runtimeCommand(spec("provided", "sub/dir", false, false)));
    }

    @Test
    void theRuntimeApiAndLambdaVariablesCannotBeOverridden() {
        Map<String, String> env = SandboxCommands.environment(spec("nodejs", "", false, false));

        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("/run/hearth/runtime.sock", env.get("HEARTH_RUNTIME_API_SOCKET"));
        assertEquals("hi", env.get("GREETING"));
        assertEquals("app.handler", env.get("_HANDLER"));
        assertEquals("/var/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("hello", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("128", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("untrusted", env.get("HEARTH_TRUST_LEVEL"));
    }

    @Test
    void stagesAStemCellWithTheEnvironmentFolderAndCommandTheContainerWouldHaveStartedWith() {
        ContainerSpec python = spec("python3", "front", true, true);

        JsonObject staged = Json.createReader(new StringReader(SandboxCommands.stagingDocument(python)))
                .readObject();

        assertEquals("/var/task/front", staged.getString("root"));
        assertEquals(
                List.of("/usr/bin/python3", "-B", "/opt/hearth/python3/bootstrap.py"),
                staged.getJsonArray("command").getValuesAs(JsonString::getString));
        assertTrue(staged.getBoolean("inProcess"), "the stem's interpreter runs the python runtime itself");
        JsonObject environment = staged.getJsonObject("environment");
        assertEquals(SandboxCommands.environment(python).size() - 1, environment.size());
        assertFalse(
                environment.containsKey("HEARTH_EGRESS_RELAY"), "the stem cell's relay process relays egress already");
        assertEquals("hi", environment.getString("GREETING"));
        assertEquals("127.0.0.1:9001", environment.getString("AWS_LAMBDA_RUNTIME_API"), "ours win");
        assertEquals("/run/hearth/credential", environment.getString("HEARTH_CREDENTIAL_FILE"));
    }

    @Test
    void executesTheRuntimeWhenItIsNotPythonOrTheFunctionSetsWhatActsAtAProcesssStart() {
        ContainerSpec node = spec("nodejs", "", false, false);
        ContainerSpec preloading = new ContainerSpec(
                node.uid(),
                node.cgroupPath(),
                node.limits(),
                node.cgroupProcsFiles(),
                node.seccompFile(),
                node.runDir(),
                node.codeDir(),
                node.runtimesDir(),
                node.etcDir(),
                node.mountPoints(),
                node.tmpBytes(),
                new Workload(
                        "python3",
                        node.workload().portionName(),
                        node.workload().portionPath(),
                        node.workload().handler(),
                        false,
                        node.workload().functionName(),
                        node.workload().memoryMb(),
                        Map.of("LD_PRELOAD", "/var/task/lib.so")),
                false);

        for (ContainerSpec spec : List.of(node, preloading)) {
            JsonObject staged = Json.createReader(new StringReader(SandboxCommands.stagingDocument(spec)))
                    .readObject();
            assertFalse(
                    staged.getBoolean("inProcess"),
                    spec.workload().runtime() + " " + spec.workload().environment());
            assertEquals(
                    SandboxCommands.runtimeCommand(spec),
                    staged.getJsonArray("command").getValuesAs(JsonString::getString));
        }
    }
}
