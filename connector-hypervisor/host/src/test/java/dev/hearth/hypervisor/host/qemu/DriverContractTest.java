package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.SystemTest;
import dev.hearth.hypervisor.host.code.CodeRetention;
import dev.hearth.hypervisor.host.code.CodeStore;
import dev.hearth.hypervisor.host.driver.DriverInstance;
import dev.hearth.hypervisor.host.driver.InstanceDriver;
import dev.hearth.hypervisor.host.driver.Invocation;
import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import dev.hearth.hypervisor.host.sandbox.ContainerUids;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import dev.hearth.hypervisor.host.sandbox.RuntimeImage;
import dev.hearth.hypervisor.host.sandbox.SandboxDriver;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every instance driver keeps, run against the {@code sandbox} driver (with each
 * container runtime: bwrap, and runc as {@code sandbox-runc}) and the {@code qemu} driver alike: a cold invocation with payload and log tail, a warm one that reuses the runtime,
 * a function of two portions (the untrusted entry calls the trusted one, which alone holds the
 * invocation's credential),
 * the timeout and the memory limit each ending one invocation while the instance keeps working,
 * and a destroyed instance leaving no process or file behind, an instance outliving the thread
 * that booted it, and its {@code /usr} being the
 * agent's runtime image (Node.js and a {@code provided} bash runtime run, the host's other
 * programs are not there); between invocations, a process the function left behind stands still
 * (containers frozen, a VM paused) and the function reads the host's time after it. Each driver boots two instances
 * (one shared, one destroyed). The sandbox driver's instances booted for a runtime hold stem
 * cells: the first invocation runs in them, with the function's settings (environment, limits,
 * both portions), unless its /tmp size differs. Needs root, the sandbox's tools and QEMU with the guest folder
 * ({@code guest/build-guest}, run here when missing): it fails, never skips, without them.
 */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a stuck guest fails its test instead of hanging the build
class DriverContractTest {

    private static final ResourceLimits LIMITS = ResourceLimits.of(64, 5_000, 32, 8);
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    /** The /tmp size stem cells are started with (the policy's default). */
    private static final int STEM_TMP_MB = 16;

    /** USER_HZ, the unit of /proc/PID/stat's start time: 100 on every Linux architecture we run on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** Tells what its process sees: when it started, its environment, folder and /tmp. */
    private static final String PROCESS_REPORT =
            """
            import os

            def handler(event, context):
                if event.get("allocateMb"):
                    hoard = bytearray(event["allocateMb"] << 20)
                    for i in range(0, len(hoard), 4096):
                        hoard[i] = 1
                imported = None
                if event.get("importFromPath"):
                    import helper
                    imported = helper.WHERE
                with open("/proc/self/stat") as f:
                    started = int(f.read().rsplit(")", 1)[1].split()[19])
                tmp = os.statvfs("/tmp")
                return {"startedTicks": started, "greeting": os.environ.get("GREETING"),
                        "functionName": os.environ.get("AWS_LAMBDA_FUNCTION_NAME"),
                        "memorySize": os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
                        "cwd": os.getcwd(), "tmpBytes": tmp.f_blocks * tmp.f_frsize, "imported": imported}
            """;

    /**
     * The untrusted entry: asks the vault, then looks for the credential wherever it might leak, and
     * tells which code files and which of the vault's variables it sees.
     */
    private static final String SPLIT_FRONT =
            """
            import os

            def readable(path, needle):
                try:
                    with open(path, "rb") as f:
                        return needle.encode() in f.read()
                except OSError:
                    return False

            def handler(event, context):
                vault = context.invoke_portion("vault", {})
                secret = vault["credential"]
                leaks = [p for p in [vault["file"]] if readable(p, secret)]
                leaks += [e for e in os.listdir("/proc") if e.isdigit() and readable("/proc/%s/environ" % e, secret)]
                tree = sorted(os.path.join(d, n) for d, _, names in os.walk("/var/task") for n in names)
                return {"vault": vault, "frontUid": os.getuid(), "leaks": leaks,
                        "frontCredential": os.environ.get("HEARTH_CREDENTIAL"),
                        "frontCredentialFile": os.environ.get("HEARTH_CREDENTIAL_FILE"),
                        "frontTree": tree, "frontVariable": os.environ.get("VAULT_ONLY"),
                        "frontSecrets": os.path.exists("/run/hearth/secrets")}
            """;

    /** The trusted portion: tells what credential, variable and secret it holds, and where. */
    private static final String SPLIT_VAULT =
            """
            import os

            def handler(event, context):
                with open(os.environ["HEARTH_CREDENTIAL_FILE"]) as f:
                    from_file = f.read()
                with open(os.environ["HEARTH_SECRETS_DIR"] + "/api_key") as f:
                    secret = f.read()
                tree = sorted(os.path.join(d, n) for d, _, names in os.walk("/var/task") for n in names)
                return {"credential": os.environ.get("HEARTH_CREDENTIAL"), "fromFile": from_file,
                        "file": os.environ["HEARTH_CREDENTIAL_FILE"], "uid": os.getuid(),
                        "secret": secret, "variable": os.environ.get("VAULT_ONLY"), "tree": tree}
            """;

    /** Tries calls the seccomp filter refuses, and one it allows, and tells their errnos. */
    private static final String SYSTEM_CALLS =
            """
            import ctypes, socket

            def handler(event, context):
                libc = ctypes.CDLL(None, use_errno=True)
                def errno(nr, *args):
                    ctypes.set_errno(0)
                    libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
                    return ctypes.get_errno()
                socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
                return {"vsock": errno(41, 40, 1, 0), "pidfd_getfd": errno(438, 0, 0, 0),
                        "modify_ldt": errno(154, 0, 0, 0), "ptrace": errno(101, 16, 1, 0, 0),
                        "personality": errno(135, 0x0040000), "getpid": errno(39)}
            """;

    /**
     * Leaves a process behind that appends a dot to {@code /tmp/ticks} every 50 ms, and tells how
     * many dots there are; {@code end} kills it.
     */
    private static final String LEAVE_BEHIND =
            """
            import os, time

            def ticks():
                try:
                    with open("/tmp/ticks") as f:
                        return len(f.read())
                except FileNotFoundError:
                    return 0

            def handler(event, context):
                if event.get("leave"):
                    pid = os.fork()
                    if pid == 0:
                        while True:
                            with open("/tmp/ticks", "a") as f:
                                f.write(".")
                            time.sleep(0.05)
                    with open("/tmp/ticks.pid", "w") as f:
                        f.write(str(pid))
                time.sleep(event.get("sleep", 0))
                seen = ticks()
                if event.get("end"):
                    with open("/tmp/ticks.pid") as f:
                        pid = int(f.read())
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                return {"ticks": seen, "epochMillis": int(time.time() * 1000)}
            """;

    /** Tells which of the paths it is given exist. */
    private static final String PATHS_PRESENT =
            """
            import os, sys

            def handler(event, context):
                return {"present": [p for p in event["paths"] if os.path.exists(p)], "python": sys.executable}
            """;

    private Path root;
    private CodeStore code;
    private String helloSha;
    private String testSha;
    private String splitSha;
    private String processSha;
    private String syscallsSha;
    private String leaveBehindSha;
    private String pathsSha;
    private String nodeSha;
    private String bashSha;
    private final Map<String, InstanceDriver> drivers = new HashMap<>();
    private final Map<String, DriverInstance> shared = new HashMap<>();
    private final List<DriverInstance> booted = new ArrayList<>();

    @BeforeAll
    void startDrivers() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the drivers' tests must run as root");
        root = Files.createTempDirectory(Path.of("/tmp"), "hearth-driver-test-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Path stateDir = Files.createDirectories(root.resolve("state"));
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
        code = CodeStore.open(stateDir, CodeRetention.DEFAULT);
        helloSha = store(zip(Map.of("app.py", Files.readString(REPO.resolve("examples/hello-python/app.py")))));
        testSha = store(zip(Map.of(
                "app.py",
                "import time\n"
                        + "def handler(event, context):\n"
                        + "    print('contract: got', event, flush=True)\n"
                        + "    if event.get('sleep'):\n"
                        + "        time.sleep(event['sleep'])\n"
                        + "    if event.get('allocateMb'):\n"
                        + "        hoard = bytearray(event['allocateMb'] << 20)\n"
                        + "        for i in range(0, len(hoard), 4096):\n"
                        + "            hoard[i] = 1\n"
                        + "    return {'ok': True}\n")));
        splitSha = store(zip(Map.of(
                "front/app.py",
                SPLIT_FRONT,
                "vault/app.py",
                SPLIT_VAULT,
                "shared/common.txt",
                "",
                "hearth.json",
                "{}")));
        syscallsSha = store(zip(Map.of("app.py", SYSTEM_CALLS)));
        leaveBehindSha = store(zip(Map.of("app.py", LEAVE_BEHIND)));
        pathsSha = store(zip(Map.of("app.py", PATHS_PRESENT)));
        nodeSha = store(zip(Map.of("app.js", Files.readString(REPO.resolve("examples/hello-node/app.js")))));
        bashSha = store(zip(Map.of(
                "bootstrap",
                Files.readString(REPO.resolve("examples/hello-bash/bootstrap")),
                "function.sh",
                Files.readString(REPO.resolve("examples/hello-bash/function.sh")))));
        processSha = store(zip(Map.of("app.py", PROCESS_REPORT, "lib/helper.py", "WHERE = 'from lib'\n")));
        drivers.put(
                "sandbox",
                SandboxDriver.create(
                        stateDir,
                        RuntimeImage.prepare(stateDir),
                        100,
                        ContainerRuntime.BWRAP,
                        ContainerUids.DEFAULT,
                        IdleContainers.FROZEN,
                        (type, instance, detail) -> {}));
        Path runcStateDir = Files.createDirectories(root.resolve("state-runc"));
        Files.setPosixFilePermissions(runcStateDir, PosixFilePermissions.fromString("rwx--x--x"));
        drivers.put(
                "sandbox-runc",
                SandboxDriver.create(
                        runcStateDir,
                        RuntimeImage.prepare(runcStateDir),
                        100,
                        ContainerRuntime.RUNC,
                        ContainerUids.DEFAULT,
                        IdleContainers.FROZEN,
                        (type, instance, detail) -> {}));
        drivers.put(
                "qemu",
                QemuDriver.create(
                        stateDir,
                        guestDir(),
                        RuntimeImage.prepare(stateDir),
                        IdleContainers.FROZEN,
                        (type, instance, detail) -> {}));
        for (Map.Entry<String, InstanceDriver> driver : drivers.entrySet()) {
            shared.put(driver.getKey(), driver.getValue().boot("shared-" + driver.getKey(), null));
        }
    }

    /** The guest folder, prepared by build-guest (idempotent) from Debian's packages. */
    private static Path guestDir() throws Exception {
        String configured = System.getenv("HEARTH_GUEST_DIR");
        Path dir = configured != null ? Path.of(configured) : REPO.resolve(".hearth/dist/guest");
        Process build = new ProcessBuilder(
                        REPO.resolve("connector-hypervisor/host/guest/build-guest")
                                .toString(),
                        dir.toString())
                .inheritIO()
                .start();
        assertEquals(0, build.waitFor(), "build-guest prepares " + dir);
        return dir;
    }

    @AfterAll
    void stopDrivers() throws IOException {
        shared.values().forEach(DriverInstance::destroy);
        drivers.values().forEach(InstanceDriver::close);
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void runsAColdInvocationWithPayloadAndLogTail(String driver) throws Exception {
        InvokeResult cold = invoke(shared.get(driver), helloSha, "cold", "{\"name\": \"Ada\"}", LIMITS);

        assertEquals("success", cold.status(), cold.toString());
        assertEquals("{\"message\": \"Hello, Ada!\"}", cold.payload());
        assertTrue(cold.containersCreated());
        assertTrue(cold.logTail().contains("hello-python: greeting Ada"), cold.logTail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void reusesTheRuntimeWhenWarm(String driver) throws Exception {
        invoke(shared.get(driver), helloSha, "warm", "{\"name\": \"Ada\"}", LIMITS);

        InvokeResult warm = invoke(shared.get(driver), helloSha, "warm", "{}", LIMITS);

        assertEquals("success", warm.status(), warm.toString());
        assertEquals("{\"message\": \"Hello, world!\"}", warm.payload());
        assertFalse(warm.containersCreated());
        assertTrue(warm.logTail().contains("greeting world"), warm.logTail());
        assertFalse(warm.logTail().contains("Ada"), "the log tail is this invocation's only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void endsAnInvocationAtItsTimeoutAndKeepsWorking(String driver) throws Exception {
        ResourceLimits oneSecond = ResourceLimits.of(64, 1_000, 32, 8);

        InvokeResult slow = invoke(shared.get(driver), testSha, "timeout", "{\"sleep\": 30}", oneSecond);
        InvokeResult next = invoke(shared.get(driver), testSha, "timeout", "{}", oneSecond);

        assertEquals("timed_out", slow.status(), slow.toString());
        assertTrue(slow.logTail().contains("contract: got {'sleep': 30}"), slow.logTail());
        assertEquals("success", next.status(), next.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void endsAnInvocationAtItsMemoryLimitAndKeepsWorking(String driver) throws Exception {
        InvokeResult hungry = invoke(shared.get(driver), testSha, "memory", "{\"allocateMb\": 256}", LIMITS);
        InvokeResult next = invoke(shared.get(driver), testSha, "memory", "{}", LIMITS);

        assertEquals("memory_limit_exceeded", hungry.status(), hungry.toString());
        assertEquals("success", next.status(), next.toString());
    }

    @ParameterizedTest
    @CsvSource({"sandbox, false", "sandbox, true", "sandbox-runc, false", "sandbox-runc, true", "qemu, false"})
    void runsOneContainerPerPortionWithTheCredentialForTheTrustedOneOnly(String driver, boolean onStemCells)
            throws Exception {
        String credential = "credential-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        PortionSpec front = new PortionSpec("front", "front", "app.handler", "untrusted", Map.of(), List.of("shared"));
        PortionSpec vault = new PortionSpec(
                "vault", "vault", "app.handler", "trusted", Map.of("VAULT_ONLY", "vault's"), List.of("shared"));
        InvokeRequest request = new InvokeRequest(
                null,
                "split",
                splitSha,
                "python3",
                "front",
                List.of(front, vault),
                Map.of(),
                ResourceLimits.of(64, 20_000, 32, onStemCells ? STEM_TMP_MB : 8),
                "{}",
                credential,
                List.of(),
                null,
                null,
                Map.of("vault", Map.of("api_key", secret)));
        DriverInstance instance = onStemCells ? bootForPython(driver) : shared.get(driver);

        InvokeResult result =
                instance.invoke(new Invocation(UUID.randomUUID().toString(), request, front, code.dir(splitSha)));

        assertEquals("success", result.status(), result.toString());
        JsonObject payload =
                Json.createReader(new StringReader(result.payload())).readObject();
        JsonObject fromVault = payload.getJsonObject("vault");
        assertEquals(credential, fromVault.getString("credential"), "the trusted portion has it in its environment");
        assertEquals(credential, fromVault.getString("fromFile"), "and in its file");
        assertEquals(JsonValue.NULL, payload.get("frontCredential"), "the untrusted portion has none");
        assertEquals(JsonValue.NULL, payload.get("frontCredentialFile"));
        assertEquals(
                List.of(), payload.getJsonArray("leaks"), "nor can it read the trusted portion's file or environment");
        assertNotEquals(fromVault.getInt("uid"), payload.getInt("frontUid"), "each portion has a uid of its own");
        assertEquals(secret, fromVault.getString("secret"), "the trusted portion reads its secret");
        assertEquals(JsonValue.FALSE, payload.get("frontSecrets"), "the untrusted portion has no secrets folder");
        assertEquals("vault's", fromVault.getString("variable"), "the trusted portion has its own variable");
        assertEquals(JsonValue.NULL, payload.get("frontVariable"), "which the untrusted portion has not");
        assertEquals(
                List.of("/var/task/shared/common.txt", "/var/task/vault/app.py"),
                fromVault.getJsonArray("tree").getValuesAs(JsonString::getString),
                "the trusted portion sees its folder and the shared one");
        assertEquals(
                List.of("/var/task/front/app.py", "/var/task/shared/common.txt"),
                payload.getJsonArray("frontTree").getValuesAs(JsonString::getString),
                "the untrusted portion sees its folder and the shared one, not the trusted portion's code");
    }

    /** The same seccomp filter in every driver's containers, the VM's included. */
    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void refusesTheRiskySystemCallsWithEperm(String driver) throws Exception {
        InvokeResult result = invoke(shared.get(driver), syscallsSha, "syscalls", "{}", LIMITS);

        assertEquals("success", result.status(), result.toString());
        JsonObject errnos =
                Json.createReader(new StringReader(result.payload())).readObject();
        assertEquals(
                Map.of("vsock", 1, "pidfd_getfd", 1, "modify_ldt", 1, "ptrace", 1, "personality", 1, "getpid", 0),
                errnos.keySet().stream().collect(Collectors.toMap(k -> k, errnos::getInt)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void leavesNothingBehindWhenDestroyed(String driver) throws Exception {
        // Short: the socket paths under the state folder must fit in 108 bytes.
        String id = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        DriverInstance instance = drivers.get(driver).boot(id, "python3");
        assertEquals(
                "success", invoke(instance, helloSha, "destroyed", "{}", LIMITS).status());

        instance.destroy();

        assertFalse(instance.alive());
        assertEquals(List.of(), processesMentioning(id), "no process of the instance is left");
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().contains(id)).toList(),
                    "no file of the instance is left");
        }
    }

    /**
     * The agent serves each request on a pooled thread that ends once idle a while: an instance
     * outlives the thread that booted it and started its containers (its stem cells, or its own),
     * and runs its next invocation warm in them. (bwrap's containers once died with that thread:
     * frozen, at their next invocation, "Runtime exited with status 137".)
     */
    @ParameterizedTest
    @CsvSource({"sandbox, false", "sandbox, true", "sandbox-runc, false", "sandbox-runc, true", "qemu, false"})
    void anInstanceOutlivesTheThreadThatStartedIt(String driver, boolean onStemCells) throws Exception {
        ResourceLimits limits = ResourceLimits.of(64, 5_000, 32, STEM_TMP_MB);
        FutureTask<InvokeResult> bootAndInvoke = new FutureTask<>(() -> {
            String id = "outlive-" + UUID.randomUUID().toString().substring(0, 8);
            DriverInstance instance = drivers.get(driver).boot(id, onStemCells ? "python3" : null);
            booted.add(instance);
            InvokeResult result = invoke(instance, testSha, "outlive", "{}", limits);
            Thread.sleep(500); // idle a while (the instance paused meanwhile), then it ends
            return result;
        });
        Thread starter = new Thread(bootAndInvoke, "starts-and-ends");
        starter.start();
        starter.join();
        InvokeResult cold = bootAndInvoke.get();
        Thread.sleep(100); // the kernel is done with the thread

        InvokeResult warm = invoke(booted.get(0), testSha, "outlive", "{\"sleep\": 0.1}", limits);

        assertEquals("success", cold.status(), cold.toString());
        assertEquals("success", warm.status(), warm.toString());
        assertFalse(warm.containersCreated(), "the containers the ended thread started serve it");
    }

    /**
     * Between invocations an instance is frozen (a VM paused): a process the function left behind
     * runs during invocations only. Over an idle second it would add some 20 dots.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void aProcessLeftBehindDoesNotRunBetweenInvocations(String driver) throws Exception {
        DriverInstance instance = shared.get(driver);
        long left = ticks(invoke(instance, leaveBehindSha, "left", "{\"leave\": true, \"sleep\": 0.3}", LIMITS));

        Thread.sleep(1_000);
        long afterIdle = ticks(invoke(instance, leaveBehindSha, "left", "{}", LIMITS));
        long during = ticks(invoke(instance, leaveBehindSha, "left", "{\"sleep\": 0.3, \"end\": true}", LIMITS));

        assertTrue(left > 0, "it ran during its invocation: " + left);
        assertTrue(
                afterIdle - left < 10, "it stood still through the idle second: " + left + " dots, then " + afterIdle);
        assertTrue(during > afterIdle, "it runs again during the next invocation: " + afterIdle + ", then " + during);
    }

    /** A paused VM's clocks stand still: the guest's must be the host's again when it serves. */
    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void theFunctionReadsTheHostsTimeAfterAnIdleWhile(String driver) throws Exception {
        DriverInstance instance = shared.get(driver);
        invoke(instance, leaveBehindSha, "clock", "{}", LIMITS);
        Thread.sleep(1_000);

        long before = System.currentTimeMillis();
        InvokeResult result = invoke(instance, leaveBehindSha, "clock", "{}", LIMITS);
        long after = System.currentTimeMillis();

        assertEquals("success", result.status(), result.toString());
        long seen = Json.createReader(new StringReader(result.payload()))
                .readObject()
                .getJsonNumber("epochMillis")
                .longValue();
        // A few milliseconds either way: the clocks' resolutions.
        assertTrue(
                seen >= before - 5 && seen <= after + 5,
                "the function's time " + seen + " lies within the invocation, " + before + " to " + after);
    }

    /** Its /usr is the agent's runtime image: the runtimes run, the host's other programs are not there. */
    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc", "qemu"})
    void seesTheRuntimeImageNotTheHostsUsr(String driver) throws Exception {
        List<String> hostOnly = Stream.of("/usr/bin/dpkg", "/usr/bin/apt", "/usr/bin/gcc", "/usr/sbin/useradd")
                .filter(path -> Files.exists(Path.of(path)))
                .toList();
        assertFalse(hostOnly.isEmpty(), "the host has a package manager, a compiler or useradd");
        String event = Json.createObjectBuilder()
                .add("paths", Json.createArrayBuilder(hostOnly))
                .build()
                .toString();

        InvokeResult result = invoke(shared.get(driver), pathsSha, "paths", event, LIMITS);

        assertEquals("success", result.status(), "python3 runs: " + result);
        JsonObject seen = Json.createReader(new StringReader(result.payload())).readObject();
        assertEquals(List.of(), seen.getJsonArray("present").getValuesAs(JsonString::getString), "of " + hostOnly);
        assertEquals("/usr/bin/python3", seen.getString("python"));
    }

    /** Node.js and a {@code provided} runtime (AWS's bash bootstrap, curl and all) run on the runtime image too. */
    @ParameterizedTest
    @CsvSource({
        "sandbox, nodejs",
        "sandbox, provided",
        "sandbox-runc, nodejs",
        "sandbox-runc, provided",
        "qemu, nodejs",
        "qemu, provided"
    })
    void runsNodeAndAProvidedRuntime(String driver, String runtime) throws Exception {
        PortionSpec main =
                PortionSpec.of("main", ".", runtime.equals("nodejs") ? "app.handler" : "function.handler", "untrusted");
        String sha = runtime.equals("nodejs") ? nodeSha : bashSha;
        InvokeRequest request = InvokeRequest.withoutAuxiliaryServices(
                null,
                "hello",
                sha,
                runtime,
                "main",
                List.of(main),
                Map.of(),
                LIMITS,
                "{\"name\": \"Ada\"}",
                null,
                List.of());

        InvokeResult result =
                shared.get(driver).invoke(new Invocation(UUID.randomUUID().toString(), request, main, code.dir(sha)));

        assertEquals("success", result.status(), result.toString());
        assertEquals(
                "Hello, Ada!",
                Json.createReader(new StringReader(result.payload()))
                        .readObject()
                        .getString("message"));
    }

    private static long ticks(InvokeResult result) {
        assertEquals("success", result.status(), result.toString());
        return Json.createReader(new StringReader(result.payload()))
                .readObject()
                .getJsonNumber("ticks")
                .longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc"})
    void servesTheFirstInvocationInAStemCellStartedAtBootWithTheFunctionsSettings(String driver) throws Exception {
        DriverInstance instance = bootForPython(driver);
        ResourceLimits limits = ResourceLimits.of(48, 5_000, 32, STEM_TMP_MB);
        long before = ticksSinceBoot();

        JsonObject seen = report(instance, Map.of("GREETING", "hi"), "{}", limits);

        assertTrue(
                seen.getJsonNumber("startedTicks").longValue() < before,
                "its process ran before the invocation came: " + seen + ", invocation at " + before);
        assertEquals("hi", seen.getString("greeting"), "the function's environment");
        assertEquals("report", seen.getString("functionName"));
        assertEquals("48", seen.getString("memorySize"));
        assertEquals("/var/task", seen.getString("cwd"));
        assertEquals((long) STEM_TMP_MB << 20, seen.getJsonNumber("tmpBytes").longValue());
        assertEquals(
                "memory_limit_exceeded",
                invoke(instance, processSha, "report", Map.of("GREETING", "hi"), "{\"allocateMb\": 96}", limits)
                        .status(),
                "the function's memory limit, not the stem cell's 128 MB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc"})
    void takesTheLargestMemoryLimitThePolicyAllows(String driver) throws Exception {
        // 4096 MB, the manifest's maximum: in bytes more than an int holds.
        JsonObject seen =
                report(bootForPython(driver), Map.of(), "{}", ResourceLimits.of(4096, 5_000, 32, STEM_TMP_MB));

        assertEquals("4096", seen.getString("memorySize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc"})
    void startsTheRuntimeAnewWhenTheFunctionSetsWhatActsAtItsStart(String driver) throws Exception {
        JsonObject seen = report(
                bootForPython(driver),
                Map.of("PYTHONPATH", "/var/task/lib"),
                "{\"importFromPath\": true}",
                ResourceLimits.of(64, 5_000, 32, STEM_TMP_MB));

        assertEquals("from lib", seen.getString("imported"), "PYTHONPATH took effect when python started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox-runc"})
    void startsContainersOfItsOwnForAnotherTmpSize(String driver) throws Exception {
        DriverInstance instance = bootForPython(driver);
        long before = ticksSinceBoot();

        JsonObject seen = report(instance, Map.of(), "{}", ResourceLimits.of(64, 5_000, 32, 4));

        assertEquals(4L << 20, seen.getJsonNumber("tmpBytes").longValue());
        assertTrue(seen.getJsonNumber("startedTicks").longValue() >= before, "a new process: " + seen);
    }

    /** What PROCESS_REPORT saw, from an invocation that must succeed. */
    private JsonObject report(
            DriverInstance instance, Map<String, String> environment, String event, ResourceLimits limits)
            throws Exception {
        InvokeResult result = invoke(instance, processSha, "report", environment, event, limits);
        assertEquals("success", result.status(), result.toString());
        return Json.createReader(new StringReader(result.payload())).readObject();
    }

    /** An instance booted for python3, as warming-pool instances are: with stem cells; destroyed after the test. */
    private DriverInstance bootForPython(String driver) throws Exception {
        DriverInstance instance =
                drivers.get(driver).boot("stem-" + UUID.randomUUID().toString().substring(0, 8), "python3");
        booted.add(instance);
        return instance;
    }

    @AfterEach
    void destroyBooted() {
        booted.forEach(DriverInstance::destroy);
        booted.clear();
    }

    /** The clock /proc/PID/stat counts a process's start time in, whatever its pid namespace. */
    private static long ticksSinceBoot() throws IOException {
        String seconds = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
        return (long) (Double.parseDouble(seconds) * CLOCK_TICKS_PER_SECOND);
    }

    private static List<String> processesMentioning(String id) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .map(p -> {
                        try {
                            return Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                        } catch (IOException e) {
                            return ""; // ended meanwhile
                        }
                    })
                    .filter(commandLine -> commandLine.contains(id))
                    .toList();
        }
    }

    private InvokeResult invoke(
            DriverInstance instance, String sha, String functionName, String event, ResourceLimits limits)
            throws Exception {
        return invoke(instance, sha, functionName, Map.of(), event, limits);
    }

    private InvokeResult invoke(
            DriverInstance instance,
            String sha,
            String functionName,
            Map<String, String> environment,
            String event,
            ResourceLimits limits)
            throws Exception {
        PortionSpec main = PortionSpec.of("main", ".", "app.handler", "untrusted");
        InvokeRequest request = InvokeRequest.withoutAuxiliaryServices(
                null, functionName, sha, "python3", "main", List.of(main), environment, limits, event, null, List.of());
        return instance.invoke(new Invocation(UUID.randomUUID().toString(), request, main, code.dir(sha)));
    }

    private String store(byte[] archive) throws Exception {
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        code.store(sha, archive);
        return sha;
    }

    /** Every file executable, so that a {@code provided} function's bootstrap runs. */
    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.getKey());
                entry.setUnixMode(0100755);
                zip.putArchiveEntry(entry);
                zip.write(file.getValue().getBytes(UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
