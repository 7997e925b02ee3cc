package dev.hearth.hypervisor.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The escape suite: user code, in real sandboxes run by the real agent, tries to get out, and
 * each attempt is a test that asserts it failed. It runs whole against each container runtime
 * ({@link BwrapEscapeTest}, {@link RuncEscapeTest}), which it first checks is the one at work. The probe function runs the Python code its
 * event carries; its entry portion {@code probe} (folder {@code probe/}) is untrusted, its portion
 * {@code vault} (folder {@code vault/}, whose code carries a marker) trusted: it holds the
 * invocation's credential, a secret and a variable of its own. Both see the declared shared folder
 * {@code shared/} and the function's variables. Every listener the attempts aim at is the suite's own,
 * on loopback or in a network namespace the suite creates.
 */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EscapeTest {

    // /tmp at the policy's default size: the probe's first containers are the stem cells its instance was booted with.
    private static final ResourceLimits LIMITS = ResourceLimits.of(64, 3000, 16, 16);
    private static final String PROBE =
            """
            import ctypes, json, os, socket, time

            def handler(event, context):
                scope = {"context": context, "event": event, "ctypes": ctypes, "json": json,
                         "os": os, "socket": socket, "time": time}
                exec(event["attempt"], scope)
                return scope.get("result")
            """;
    /** Python: connect(host, port) answers what happened, as a word. */
    private static final String CONNECT =
            """
            def connect(host, port):
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect((host, port))
                    return "connected"
                except OSError as e:
                    return type(e).__name__
                finally:
                    s.close()
            """;

    /** Python: the files under the given folders whose first MiB contains text. */
    private static final String FILES_CONTAINING =
            """
            def files_containing(text, tops):
                found = []
                for top in tops:
                    for folder, _, files in os.walk(top):
                        for name in files:
                            try:
                                if text in open(os.path.join(folder, name), errors="replace").read(1 << 20):
                                    found.append(os.path.join(folder, name))
                            except OSError:
                                pass
                return found
            """;

    private RunningAgent running;
    private String probeSha;
    private String probeInstance;
    private String otherInstance;
    private final String credential = "cred-" + UUID.randomUUID();
    private final String vaultCode = "vault-code-" + UUID.randomUUID();
    private final String vaultVariable = "vault-variable-" + UUID.randomUUID();
    private final String vaultSecret = "vault-secret-" + UUID.randomUUID();

    /** What the agent under test runs its containers with. */
    abstract ContainerRuntime containerRuntime();

    @BeforeAll
    void start() throws Exception {
        running = new RunningAgent(4, containerRuntime());
        probeSha = running.upload(RunningAgent.zip(Map.of(
                "hearth.json",
                "{}",
                "probe/app.py",
                PROBE,
                "vault/app.py",
                PROBE + "# " + vaultCode + "\n",
                "shared/common.txt",
                "shared")));
        probeInstance = running.createInstance(null).instanceId(); // a warming-pool instance, mallory's once invoked
        otherInstance = running.createInstance("alice").instanceId();
    }

    @AfterAll
    void stop() throws IOException {
        running.close();
    }

    /** No silent fallback: the containers are the configured runtime's, seen inside and outside. */
    @Test
    void runsInTheConfiguredContainerRuntime() throws Exception {
        Object firstProcess = attempt("result = open('/proc/1/comm').read().strip()");
        List<String> commands = RunningAgent.commandsIn(probeInstance);

        switch (containerRuntime()) {
            case BWRAP -> {
                assertEquals("bwrap", firstProcess, "bwrap's init is the container's first process");
                assertTrue(commands.contains("bwrap"), commands.toString());
            }
            case RUNC -> {
                assertEquals("python3", firstProcess, "the runtime is the container's first process");
                assertFalse(commands.contains("bwrap"), commands.toString());
                List<String> listed = List.of(runcList().split("\n")).stream()
                        .filter(id -> id.startsWith(probeInstance + "-"))
                        .toList();
                assertEquals(2, listed.size(), "runc lists the probe's and the vault's containers: " + listed);
            }
        }
    }

    private String runcList() throws Exception {
        Process process = new ProcessBuilder(
                        "runc", "--root", running.filesDir.resolve("runc").toString(), "list", "--quiet")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void cannotReadTheHostsShadowFile() throws Exception {
        assertEquals(
                "FileNotFoundError",
                attempt(
                        """
                try:
                    result = open("/etc/shadow").read()
                except OSError as e:
                    result = type(e).__name__
                """));
    }

    /**
     * The container's /usr is the runtime image: the host's other programs and data are not there
     * (those this host has are looked for), while the runtimes, their tools and data work.
     */
    @Test
    void seesOnlyTheRuntimeImageOfTheHostsUsr() throws Exception {
        List<String> hostOnly = List.of(
                        "/usr/bin/apt",
                        "/usr/bin/dpkg",
                        "/usr/bin/sudo",
                        "/usr/bin/gcc",
                        "/usr/bin/ssh",
                        "/usr/sbin",
                        "/usr/share/doc",
                        "/usr/include",
                        "/sbin/mount")
                .stream()
                .filter(path -> Files.exists(Path.of(path)))
                .toList();
        assertTrue(hostOnly.contains("/usr/share/doc"), "this host has documentation to hide: " + hostOnly);

        Object result = attempt(
                """
                import subprocess, ssl, zoneinfo
                visible = [p for p in %s if os.path.lexists(p)]
                commands = [["python3", "-c", "print(1)"], ["node", "-e", "console.log(1)"],
                            ["bash", "-c", "echo 1"], ["/bin/sh", "-c", "echo $BASH_VERSINFO"],
                            ["curl", "--version"], ["socat", "-V"]]
                failed = []
                for command in commands:
                    run = subprocess.run(command, capture_output=True)
                    if run.returncode != 0:
                        failed.append(command[0] + ": " + run.stderr.decode(errors="replace")[-300:])
                ssl.create_default_context()
                result = {"visible": visible, "failed": failed,
                          "zone": str(zoneinfo.ZoneInfo("Europe/Paris")),
                          "certificates": any(os.path.isfile(os.path.join("/etc/ssl/certs", f))
                                             and os.path.realpath(os.path.join("/etc/ssl/certs", f))
                                             .startswith("/usr/share/ca-certificates/")
                                             for f in os.listdir("/etc/ssl/certs"))}
                """
                        .formatted(running.jsonb.toJson(hostOnly)));

        assertEquals(
                Map.of("visible", List.of(), "failed", List.of(), "zone", "Europe/Paris", "certificates", true),
                result);
    }

    @Test
    void cannotReadTheAgentsSecret() throws Exception {
        Object result = attempt(
                """
                found = []
                for path in [%s, %s]:
                    try:
                        found.append(open(path).read())
                    except OSError:
                        pass
                result = found
                """
                        .formatted(python(running.secretFile), python(running.filesDir.resolve("seccomp.bpf"))));

        assertEquals(List.of(), result);
    }

    @Test
    void cannotReadAnotherInstancesCode() throws Exception {
        String marker = "alice-code-" + UUID.randomUUID();
        String code = "def handler(event, context):\n    return " + python(marker) + "\n";
        String aliceSha = running.upload(
                RunningAgent.zip(Map.of("probe/app.py", code, "vault/app.py", code, "shared/common.txt", "")));
        InvokeResult alice = running.invoke(otherInstance, request(aliceSha, "{}", null, LIMITS));
        assertEquals("success", alice.status(), alice.toString());

        Object result = attempt(FILES_CONTAINING
                + """
                found = []
                try:
                    found.append(open(%s).read())
                except OSError:
                    pass
                tops = ["/var", "/run", "/tmp", "/opt", "/etc", "/home", "/root", "/srv", "/mnt"]
                result = found + files_containing(%s, tops)
                """
                        .formatted(
                                python(running.filesDir
                                        .resolve("code")
                                        .resolve(aliceSha)
                                        .resolve("probe")
                                        .resolve("app.py")),
                                python(marker)));

        assertEquals(List.of(), result);
    }

    @Test
    void cannotWriteOutsideTmp() throws Exception {
        Object result = attempt(
                """
                written = []
                for path in ["/x", "/var/task/x", "/usr/x", "/etc/x", "/opt/hearth/x", "/run/hearth/x",
                             "/dev/shm/x", "/dev/x", "/proc/sys/kernel/hostname"]:
                    try:
                        with open(path, "w") as f:
                            f.write("x")
                        written.append(path)
                    except OSError:
                        pass
                with open("/tmp/x", "w") as f:
                    f.write("x")
                result = {"outside": written, "tmp": open("/tmp/x").read()}
                """);

        assertEquals(Map.of("outside", List.of(), "tmp", "x"), result);
    }

    @Test
    void cannotConnectToHostPorts() throws Exception {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            // Stand-ins for Payara's 4848 and 8080 and for PostgreSQL, plus the agent's own port.
            List<Integer> ports = new ArrayList<>(List.of(running.port()));
            for (int i = 0; i < 3; i++) {
                ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                listeners.add(listener);
                ports.add(listener.getLocalPort());
            }
            for (int port : ports) {
                try (Socket reachable = new Socket("127.0.0.1", port)) {
                    assertTrue(reachable.isConnected(), "the host reaches its own port " + port);
                }
            }

            Object result = attempt(CONNECT + "result = [connect('127.0.0.1', p) for p in %s]".formatted(ports));

            assertEquals(Collections.nCopies(ports.size(), "ConnectionRefusedError"), result);
        } finally {
            for (ServerSocket listener : listeners) {
                listener.close();
            }
        }
    }

    @Test
    void cannotReachAnAddressOutsideTheInstance() throws Exception {
        String netns = "hearth-escape-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Process listener = null;
        try {
            run("ip", "netns", "add", netns);
            run("ip", "link", "add", "hx-host", "type", "veth", "peer", "name", "hx-peer");
            run("ip", "link", "set", "hx-peer", "netns", netns);
            run("ip", "addr", "add", "10.213.7.1/30", "dev", "hx-host");
            run("ip", "link", "set", "hx-host", "up");
            run("ip", "-n", netns, "addr", "add", "10.213.7.2/30", "dev", "hx-peer");
            run("ip", "-n", netns, "link", "set", "hx-peer", "up");
            listener = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            netns,
                            "socat",
                            "TCP-LISTEN:8080,bind=10.213.7.2,fork,reuseaddr",
                            "SYSTEM:echo outside")
                    .redirectErrorStream(true)
                    .start();
            assertEquals("outside", readFromOutside(), "the host itself reaches the listener outside");

            Object result = attempt(CONNECT + "result = connect('10.213.7.2', 8080)");

            assertEquals("OSError", result, "no route out of the container's own network namespace");
        } finally {
            if (listener != null) {
                listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            new ProcessBuilder("ip", "link", "del", "hx-host").start().waitFor(5, TimeUnit.SECONDS);
            run("ip", "netns", "del", netns);
        }
        assertFalse(Files.exists(Path.of("/run/netns", netns)));
    }

    @Test
    void untrustedCodeHasNoCredentialInItsEnvironmentButTheTrustedPortionHas() throws Exception {
        Object result = attempt(
                """
                vault = context.invoke_portion("vault", {"attempt":
                    "result = os.environ.get('HEARTH_CREDENTIAL')"})
                result = {"mine": [k for k, v in os.environ.items() if "CREDENTIAL" in k or "cred-" in v],
                          "vault": vault}
                """);

        assertEquals(Map.of("mine", List.of(), "vault", credential), result);
    }

    @Test
    void eachPortionSeesOnlyItsOwnFolderAndTheSharedOne() throws Exception {
        String tree = "result = sorted(os.path.join(d, n) for d, _, names in os.walk('/var/task') for n in names)";
        Object result = attempt(
                """
                %s
                result = {"mine": result, "vault": context.invoke_portion("vault", {"attempt": %s})}
                """
                        .formatted(tree, python(tree)));

        assertEquals(
                Map.of(
                        "mine", List.of("/var/task/probe/app.py", "/var/task/shared/common.txt"),
                        "vault", List.of("/var/task/shared/common.txt", "/var/task/vault/app.py")),
                result);
    }

    @Test
    void untrustedCodeCannotReadTheTrustedPortionsCode() throws Exception {
        Object result = attempt(FILES_CONTAINING
                + """
                found = []
                for path in ["/var/task/vault/app.py", "/var/task/app.py"]:
                    try:
                        found.append(open(path).read())
                    except OSError:
                        pass
                result = found + files_containing(%s, ["/var", "/run", "/tmp", "/opt", "/etc", "/home", "/srv", "/mnt"])
                """
                        .formatted(python(vaultCode)));

        assertEquals(List.of(), result);
    }

    @Test
    void untrustedCodeHasNoneOfTheTrustedPortionsVariables() throws Exception {
        Object result = attempt(
                """
                vault = context.invoke_portion("vault", {"attempt":
                    "result = [os.environ.get('VAULT_VARIABLE'), os.environ.get('FUNCTION_VARIABLE')]"})
                result = {"mine": [k for k, v in os.environ.items() if k == "VAULT_VARIABLE" or %s in v],
                          "function": os.environ.get("FUNCTION_VARIABLE"),
                          "vault": vault}
                """
                        .formatted(python(vaultVariable)));

        assertEquals(
                Map.of(
                        "mine", List.of(),
                        "function", "for-every-portion",
                        "vault", List.of(vaultVariable, "for-every-portion")),
                result);
    }

    @Test
    void onlyTheTrustedPortionReadsItsSecret() throws Exception {
        Object result = attempt(FILES_CONTAINING
                + """
                vault = context.invoke_portion("vault", {"attempt":
                    "result = open(os.environ['HEARTH_SECRETS_DIR'] + '/api_key').read()"})
                mine = [k for k, v in os.environ.items() if "SECRET" in k or %s in v]
                mine += [p for p in ["/run/hearth/secrets"] if os.path.exists(p)]
                result = {"mine": mine + files_containing(%s, ["/run", "/tmp", "/var", "/opt", "/etc"]),
                          "vault": vault}
                """
                        .formatted(python(vaultSecret), python(vaultSecret)));

        assertEquals(Map.of("mine", List.of(), "vault", vaultSecret), result);
    }

    @Test
    void untrustedCodeFindsNoCredentialFile() throws Exception {
        Object result = attempt(FILES_CONTAINING
                + """
                found = [p for p in ["/run/hearth/credential"] if os.path.exists(p)]
                result = found + files_containing(%s, ["/run", "/tmp", "/var", "/opt", "/etc"])
                """
                        .formatted(python(credential)));

        assertEquals(List.of(), result);
    }

    @Test
    void untrustedCodeCannotReadTheCredentialThroughProc() throws Exception {
        Object result = attempt(
                """
                leaks, pythons = [], 0
                for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
                    for part in ["environ", "cmdline", "maps"]:
                        try:
                            if %s in open("/proc/%%s/%%s" %% (pid, part), errors="replace").read():
                                leaks.append(pid + "/" + part)
                        except OSError:
                            pass
                    try:
                        pythons += open("/proc/%%s/comm" %% pid).read().startswith("python")
                    except OSError:
                        pass
                result = {"leaks": leaks, "pythonProcessesSeen": pythons}
                """
                        .formatted(python(credential)));

        assertEquals(Map.of("leaks", List.of(), "pythonProcessesSeen", 1), result, "only its own runtime");
    }

    @Test
    void untrustedCodeCannotPtraceOrReadOtherProcessesMemory() throws Exception {
        Object result = attempt(
                """
                libc = ctypes.CDLL(None, use_errno=True)
                PTRACE_ATTACH = 16
                attached = libc.ptrace(PTRACE_ATTACH, 1, 0, 0)
                ptrace_errno = ctypes.get_errno()
                buf = ctypes.create_string_buffer(8)
                class iovec(ctypes.Structure):
                    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
                local, remote = iovec(ctypes.addressof(buf), 8), iovec(0x400000, 8)
                read = libc.process_vm_readv(1, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
                result = {"ptrace": [attached, ptrace_errno], "process_vm_readv": [read, ctypes.get_errno()]}
                """);

        assertEquals(Map.of("ptrace", List.of(-1, 1), "process_vm_readv", List.of(-1, 1)), result, "EPERM");
    }

    @Test
    void cannotCreateNamespacesOrMount() throws Exception {
        Object result = attempt(
                """
                libc = ctypes.CDLL(None, use_errno=True)
                CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
                outcomes = {}
                outcomes["unshare"] = [libc.unshare(CLONE_NEWUSER | CLONE_NEWNET), ctypes.get_errno()]
                outcomes["mount"] = [libc.mount(b"none", b"/tmp", b"tmpfs", 0, None), ctypes.get_errno()]
                result = outcomes
                """);

        assertEquals(Map.of("unshare", List.of(-1, 1), "mount", List.of(-1, 1)), result, "EPERM");
    }

    /**
     * Issue 11: the launcher's arguments (the agent's folders, the container's uid and id) showed
     * in the container's pid 1, and mountinfo gave each bind mount's path on the host's disk. No
     * process's arguments or environment, no file of /proc names the agent's folders, the instance
     * or the launcher; /sys is not there at all; nothing is bound from the host's disk: what is
     * bound comes from the agent's own volume, and mountinfo gives its paths from that volume's root.
     */
    @Test
    void procShowsNothingOfTheHostOrTheLauncher() throws Exception {
        Path testRoot = running.stateDir.getParent();
        Object result = attempt(
                """
                markers = [%s, %s, "hearth-launch", "--nofile=", "--reuid"]
                found = []
                pids = [p for p in os.listdir("/proc") if p.isdigit()] + ["self", "thread-self"]
                files = ["/proc/%%s/%%s" %% (pid, part) for pid in pids
                         for part in ["cmdline", "environ", "mounts", "cgroup", "status", "maps"]]
                files += [os.path.join("/proc", name) for name in os.listdir("/proc")
                          if not name.isdigit() and os.path.isfile(os.path.join("/proc", name))]
                for path in files:
                    try:
                        with open(path, "rb") as f:
                            text = f.read(1 << 20).decode(errors="replace")
                    except OSError:
                        continue
                    found += [path + ": " + m for m in markers if m in text]
                mounts = [line.split() for line in open("/proc/self/mountinfo")]
                result = {"found": found, "pid1": open("/proc/1/cmdline").read().split("\\0")[:4],
                          "sys": os.path.exists("/sys") and os.listdir("/sys"),
                          "fromHostDisk": sorted(m[3] + " on " + m[4] for m in mounts if m[2] == %s),
                          "usr": [m[3] for m in mounts if m[4] == "/usr"]}
                """
                        .formatted(python(testRoot), python(probeInstance), python(deviceOf(testRoot))));

        Map<?, ?> seen = (Map<?, ?>) result;
        assertEquals(List.of(), seen.get("found"));
        assertTrue(List.of(false, List.of()).contains(seen.get("sys")), "no /sys: " + seen.get("sys"));
        List<?> pid1 = (List<?>) seen.get("pid1");
        switch (containerRuntime()) {
            case BWRAP -> assertEquals(List.of("bwrap", "--args", "4", "--"), pid1, "bwrap's, options in a file");
            case RUNC -> assertEquals("/usr/bin/python3", pid1.get(0), "the runtime: " + pid1);
        }
        assertEquals(List.of(), seen.get("fromHostDisk"), "nothing bound from the host's disk");
        assertEquals(List.of("/image/usr"), seen.get("usr"), "the image, at its path in the agent's volume");
    }

    /** The major:minor of the file system that holds {@code path}, as this process's mount table says. */
    private static String deviceOf(Path path) throws IOException {
        String mountPoint = "";
        String device = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            String point = fields[4];
            boolean holds = path.startsWith(point);
            if (holds && point.length() >= mountPoint.length()) {
                mountPoint = point;
                device = fields[2];
            }
        }
        return device;
    }

    /** What runc's default spec hides in /proc reads as empty in every runtime. */
    @Test
    void procIsMaskedAsRuncsDefaultSpecMasksIt() throws Exception {
        List<String> onThisHost = List.of(
                        "/proc/acpi",
                        "/proc/asound",
                        "/proc/interrupts",
                        "/proc/kcore",
                        "/proc/keys",
                        "/proc/latency_stats",
                        "/proc/timer_list",
                        "/proc/timer_stats",
                        "/proc/sched_debug",
                        "/proc/scsi")
                .stream()
                .filter(path -> Files.exists(Path.of(path)))
                .toList();
        assertTrue(onThisHost.contains("/proc/timer_list") && onThisHost.contains("/proc/keys"), onThisHost.toString());

        Object result = attempt(
                """
                shown = {}
                for path in %s:
                    if os.path.isdir(path):
                        shown[path] = len(os.listdir(path))
                    elif os.path.exists(path):
                        shown[path] = len(open(path, "rb").read(4096))
                result = shown
                """
                        .formatted(onThisHost.stream().map(EscapeTest::python).toList()));

        Map<Object, Object> empty = new java.util.HashMap<>();
        onThisHost.forEach(path -> empty.put(path, 0));
        assertEquals(empty, result);
    }

    /**
     * The seccomp filter allows what the runtimes use and answers EPERM to the rest: here the calls
     * that reach other processes, the kernel, other namespaces and other socket families.
     */
    @Test
    void theRiskySystemCallsFailWithEperm() throws Exception {
        Object result = attempt(
                """
                libc = ctypes.CDLL(None, use_errno=True)
                libc.syscall.restype = ctypes.c_long
                def call(nr, *args):
                    ctypes.set_errno(0)
                    rc = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
                    return [rc, ctypes.get_errno()]
                SIGCHLD, CLONE_NEWNET, ADDR_NO_RANDOMIZE = 17, 0x40000000, 0x0040000
                calls = {
                    "socket AF_VSOCK": call(41, 40, 1, 0),
                    "socket AF_PACKET": call(41, 17, 3, 0),
                    "socket AF_ALG": call(41, 38, 5, 0),
                    "socket AF_NETLINK audit": call(41, 16, 3, 9),
                    "socketpair AF_VSOCK": call(53, 40, 1, 0, 0),
                    "pidfd_getfd": call(438, 0, 0, 0),
                    "process_madvise": call(440, 0, 0, 0, 0, 0),
                    "modify_ldt": call(154, 0, 0, 0),
                    "personality ADDR_NO_RANDOMIZE": call(135, ADDR_NO_RANDOMIZE),
                    "ptrace": call(101, 16, 1, 0, 0),
                    "process_vm_readv": call(310, 1, 0, 0, 0, 0, 0),
                    "kcmp": call(312, 1, 1, 0, 0, 0),
                    "bpf": call(321, 0, 0, 0),
                    "perf_event_open": call(298, 0, 0, -1, -1, 0),
                    "userfaultfd": call(323, 0),
                    "keyctl": call(250, 0, 0, 0),
                    "io_setup": call(206, 1, 0),
                    "clone CLONE_NEWNET": call(56, CLONE_NEWNET | SIGCHLD, 0, 0, 0, 0),
                    "unshare": call(272, CLONE_NEWNET),
                    "setns": call(308, 0, 0),
                    "fsopen": call(430, 0, 0),
                    "open_tree": call(428, -100, 0, 0),
                    "init_module": call(175, 0, 0, 0),
                    "memfd_secret": call(447, 0),
                }
                plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                plain.close()
                result = {name: rc for name, rc in calls.items() if rc != [-1, 1]}
                result["personality query"] = call(135, 0xffffffff)[1]
                """);

        assertEquals(Map.of("personality query", 0), result, "each risky call -1 with EPERM; the rest still work");
    }

    @Test
    void untrustedCodeCannotReachTheTrustedPortionsEgressProxy() throws Exception {
        Object result = attempt(
                CONNECT
                        + """
                result = {"proxyVariables": [k for k in os.environ if k.lower().endswith("_proxy")],
                          "proxyPort": connect("127.0.0.1", 3128)}
                """);

        assertEquals(Map.of("proxyVariables", List.of(), "proxyPort", "ConnectionRefusedError"), result);
    }

    @Test
    void aForkBombHitsTheProcessLimitAndTheHostStaysFine() throws Exception {
        InvokeResult bomb = running.invoke(
                probeInstance,
                request(
                        probeSha,
                        event(
                                """
                while True:
                    if os.fork() == 0:
                        time.sleep(30)
                        os._exit(0)
                """),
                        credential,
                        LIMITS));

        assertEquals("process_limit_exceeded", bomb.status(), bomb.toString());
        assertEquals(0, RunningAgent.processesIn(probeInstance), "the bomb's processes are gone");
        assertEquals(0, new ProcessBuilder("true").start().waitFor(), "the host still forks");
        assertEquals("ok", attempt("result = 'ok'"), "the instance serves again");
    }

    @Test
    void exhaustingMemoryHitsTheMemoryLimit() throws Exception {
        InvokeResult hog = running.invoke(
                probeInstance, request(probeSha, event("hog = bytearray(256 << 20)"), credential, LIMITS));

        assertEquals("memory_limit_exceeded", hog.status(), hog.toString());
        assertEquals("ok", attempt("result = 'ok'"), "the instance serves again");
    }

    @Test
    void fillingTheDiskStopsAtTheBoundOfTmp() throws Exception {
        Object result = attempt(
                """
                written = 0
                try:
                    with open("/tmp/fill", "wb") as f:
                        while True:
                            f.write(b"x" * (1 << 20))
                            f.flush()
                            written += 1
                except OSError as e:
                    result = {"errno": e.errno, "megabytes": written}
                os.remove("/tmp/fill")
                """);

        assertEquals(Map.of("errno", 28, "megabytes", LIMITS.tmpMb()), result, "ENOSPC at the policy's size");
    }

    @Test
    void creatingFilesStopsAtTheInodeBoundOfTmp() throws Exception {
        Object result = attempt(
                """
                os.makedirs("/tmp/many", exist_ok=True)
                created = 0
                try:
                    while True:
                        open("/tmp/many/%d" % created, "w").close()
                        created += 1
                except OSError as e:
                    result = {"errno": e.errno, "files": created, "inUse": 1 + len(os.listdir("/tmp"))}
                for name in os.listdir("/tmp/many"):
                    os.remove("/tmp/many/" + name)
                os.rmdir("/tmp/many")
                """);

        Map<?, ?> outcome = (Map<?, ?>) result;
        assertEquals(28, outcome.get("errno"), "ENOSPC: " + result);
        // One inode per 4 KiB of the 16 MiB /tmp: the root and what else is in /tmp hold the rest.
        assertEquals(
                4096,
                (Integer) outcome.get("files") + (Integer) outcome.get("inUse"),
                "the files stop at the bound: " + result);
        assertEquals("ok", attempt("open('/tmp/after', 'w').close(); os.remove('/tmp/after'); result = 'ok'"));
        assertEquals(0, new ProcessBuilder("true").start().waitFor(), "the host still forks");
    }

    @Test
    void openingTerminalsStopsAtTheBoundOfItsOwnDevpts() throws Exception {
        Object result = attempt(
                """
                opened = []
                try:
                    while len(opened) < 1000:
                        opened.append(os.openpty())
                except OSError as e:
                    result = {"terminals": len(opened), "refused": type(e).__name__}
                for master, slave in opened:
                    os.close(master)
                    os.close(slave)
                """);

        assertEquals(Map.of("terminals", 16, "refused", "OSError"), result);
    }

    @Test
    void theInstanceAsAWholeHoldsNoMoreMemoryThanItsPortionsTogether() throws Exception {
        attempt("result = context.invoke_portion('vault', {'attempt': 'result = 1'})");
        Path instance = Path.of("/sys/fs/cgroup/memory/hearth", probeInstance);

        // Its two portions (probe and vault) of 64 MiB each, once the instance settled after the invocation.
        long sum = 2L * LIMITS.memoryMb() << 20;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Long.parseLong(Files.readString(instance.resolve("memory.limit_in_bytes"))
                                .strip())
                        != sum
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(
                sum,
                Long.parseLong(Files.readString(instance.resolve("memory.limit_in_bytes"))
                        .strip()));
        assertTrue(
                Long.parseLong(Files.readString(instance.resolve("memory.max_usage_in_bytes"))
                                .strip())
                        <= sum,
                "never more than that, together");
    }

    @Test
    void cannotOutliveItsTimeout() throws Exception {
        long pidsBefore = RunningAgent.processesIn(probeInstance);
        InvokeResult slow = running.invoke(
                probeInstance,
                request(
                        probeSha,
                        event(
                                """
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(60)
                    os._exit(0)
                time.sleep(60)
                """),
                        credential,
                        LIMITS));

        assertEquals("timed_out", slow.status(), slow.toString());
        assertTrue(pidsBefore > 0, "the probe's containers ran before");
        assertEquals(0, RunningAgent.processesIn(probeInstance), "nothing of the function is left running");
    }

    /**
     * Python: leave(name, tick) starts a process that outlives the invocation (named {@code name},
     * its pid in /tmp/NAME.pid), which calls tick(n) with n = 1, 2, ... every 20 ms and writes n to
     * /tmp/NAME.count; it returns after the first tick.
     */
    private static final String LEAVE_BEHIND =
            """
            def leave(name, tick):
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        ctypes.CDLL(None).prctl(15, name.encode(), 0, 0, 0)  # PR_SET_NAME
                        open("/tmp/%s.pid" % name, "w").write(str(os.getpid()))
                        n = 0
                        while True:
                            n += 1
                            tick(n)
                            open("/tmp/%s.next" % name, "w").write(str(n))
                            os.replace("/tmp/%s.next" % name, "/tmp/%s.count" % name)
                            time.sleep(0.02)
                    os._exit(0)
                os.wait()
                while not os.path.exists("/tmp/%s.count" % name):
                    time.sleep(0.01)
            """;

    @Test
    void aProcessLeftBehindDoesNotRunBetweenInvocations() throws Exception {
        attempt(LEAVE_BEHIND + "leave('leftover', lambda n: None)");
        List<String> pids = RunningAgent.pidsOf(probeInstance, "leftover");
        assertEquals(1, pids.size(), "the process outlived its invocation: " + pids);
        Path count = Path.of("/proc", pids.get(0), "root", "tmp", "leftover.count");

        long frozenAt = awaitStill(() -> Long.parseLong(Files.readString(count)));
        Thread.sleep(500); // a fixed time on purpose: that nothing moves during it is what is tested
        assertEquals(frozenAt, Long.parseLong(Files.readString(count)), "it stays still until the next invocation");

        Object during = attempt(
                """
                time.sleep(0.3)
                result = int(open("/tmp/leftover.count").read())
                os.kill(int(open("/tmp/leftover.pid").read()), 9)
                """);
        assertTrue(((Number) during).longValue() > frozenAt, "it runs again during the next invocation: " + during);
    }

    @Test
    void aProcessLeftBehindByTheTrustedPortionHasNoRouteOutBetweenInvocations() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket auxiliary = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> answerEach(auxiliary, requests));
            server.start();
            String auxiliaryUrl = "http://127.0.0.1:" + auxiliary.getLocalPort() + "/aux";
            String vault = LEAVE_BEHIND
                    + """
                    def tick(n):
                        s = socket.create_connection(("127.0.0.1", 3128), timeout=1)
                        try:
                            s.sendall(b"GET http://aux.hearth.internal/tick HTTP/1.1\\r\\nHost: aux\\r\\n\\r\\n")
                            s.recv(100)
                        except OSError:
                            pass
                        finally:
                            s.close()
                    leave("courier", tick)
                    """;
            InvokeResult left = running.invoke(
                    probeInstance,
                    request(
                            probeSha,
                            running.jsonb.toJson(Map.of(
                                    "attempt",
                                    "result = context.invoke_portion('vault', {'attempt': event['vault']})",
                                    "vault",
                                    vault)),
                            credential,
                            LIMITS,
                            auxiliaryUrl));
            assertEquals("success", left.status(), left.toString());
            assertTrue(requests.get() > 0, "the route was open during the invocation");

            int stillAt = (int) awaitStill(requests::get);
            Thread.sleep(500); // a fixed time on purpose: that no request arrives during it is what is tested
            assertEquals(stillAt, requests.get(), "no request gets out until the next invocation");

            InvokeResult next = running.invoke(
                    probeInstance, request(probeSha, event("time.sleep(0.3)"), credential, LIMITS, auxiliaryUrl));
            assertEquals("success", next.status(), next.toString());
            assertTrue(requests.get() > stillAt, "it gets out again during the next invocation");
            for (String pid : RunningAgent.pidsOf(probeInstance, "courier")) {
                run("kill", "-9", pid);
            }
        }
    }

    /** Answers each request on {@code listener} with an empty 200, counting them, until it is closed. */
    private static void answerEach(ServerSocket listener, AtomicInteger requests) {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                requests.incrementAndGet();
                client.getOutputStream()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(UTF_8));
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    /**
     * Waits (up to 10 s) until {@code value} stops changing for 300 ms, and returns it: what the
     * function left running is frozen once the invocation's answer is on its way.
     */
    private static long awaitStill(Callable<Number> value) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long before = value.call().longValue();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            long now = value.call().longValue();
            if (now == before) {
                return now;
            }
            before = now;
        }
        throw new AssertionError("it kept running between invocations (at " + before + ")");
    }

    @Test
    void cannotSeeAnotherInstancesProcesses() throws Exception {
        String marker = "alice-marker-" + UUID.randomUUID();
        InvokeRequest alice = InvokeRequest.withoutAuxiliaryServices(
                UUID.randomUUID().toString(),
                "alice-function",
                probeSha,
                "python3",
                "probe",
                List.of(PortionSpec.of("probe", "probe", "app.handler", "untrusted")),
                Map.of("MARKER", marker),
                LIMITS,
                event("result = os.getpid()"),
                null,
                List.of());
        assertEquals("success", running.invoke(otherInstance, alice).status());

        Object result = attempt(
                """
                seen = []
                for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
                    try:
                        if %s in open("/proc/%%s/environ" %% pid, errors="replace").read():
                            seen.append(pid)
                    except OSError:
                        pass
                result = {"marker": seen, "processes": len([p for p in os.listdir("/proc") if p.isdigit()])}
                """
                        .formatted(python(marker)));

        assertEquals(List.of(), ((Map<?, ?>) result).get("marker"));
        assertTrue(
                ((Number) ((Map<?, ?>) result).get("processes")).intValue() <= 5,
                "only its own few processes: " + result);
    }

    /**
     * Runs {@code python} in the probe's untrusted entry portion and returns its {@code result}
     * (JSON numbers as Integer, so that it compares equal to {@code Map.of} and {@code List.of}).
     */
    private Object attempt(String python) throws Exception {
        InvokeResult result = running.invoke(probeInstance, request(probeSha, event(python), credential, LIMITS));
        assertEquals("success", result.status(), result.toString());
        return integers(running.jsonb.fromJson(result.payload(), Object.class));
    }

    private static Object integers(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.HashMap<>();
            map.forEach((k, v) -> copy.put(k, integers(v)));
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(EscapeTest::integers).toList();
        }
        return json instanceof Number number ? (Object) number.intValue() : json;
    }

    private String event(String python) {
        return running.jsonb.toJson(Map.of("attempt", python));
    }

    private InvokeRequest request(String sha, String event, String credential, ResourceLimits limits) {
        return request(sha, event, credential, limits, null);
    }

    private InvokeRequest request(
            String sha, String event, String credential, ResourceLimits limits, String auxiliaryUrl) {
        return new InvokeRequest(
                UUID.randomUUID().toString(),
                "probe",
                sha,
                "python3",
                "probe",
                List.of(
                        new PortionSpec("probe", "probe", "app.handler", "untrusted", Map.of(), List.of("shared")),
                        new PortionSpec(
                                "vault",
                                "vault",
                                "app.handler",
                                "trusted",
                                Map.of("VAULT_VARIABLE", vaultVariable),
                                List.of("shared"))),
                Map.of("FUNCTION_VARIABLE", "for-every-portion"),
                limits,
                event,
                credential,
                List.of(),
                auxiliaryUrl,
                null,
                Map.of("vault", Map.of("api_key", vaultSecret)));
    }

    /** A Python string literal. */
    private static String python(Object text) {
        return "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String readFromOutside() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("10.213.7.2", 8080), 1000);
                InputStream in = socket.getInputStream();
                return new String(in.readAllBytes(), UTF_8).strip();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
