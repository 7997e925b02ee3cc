package dev.hearth.hypervisor.host.sandbox;

import static dev.hearth.hypervisor.host.driver.RuntimeContract.RUNTIMES_ROOT;
import static dev.hearth.hypervisor.host.driver.RuntimeContract.RUNTIME_API_PORT;
import static dev.hearth.hypervisor.host.driver.RuntimeContract.RUN_DIR;
import static dev.hearth.hypervisor.host.driver.RuntimeContract.TASK_ROOT;

import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.egress.EgressProxy;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the command lines of the sandbox driver; pure, so that they can be read in tests. */
final class SandboxCommands {

    /** The port of the egress proxy inside a trusted container whose function may reach out. */
    static final int EGRESS_PROXY_PORT = 3128;

    /**
     * The runtime of a stem cell: a container started before its function is known, whose
     * {@code stem.py} waits for {@link #stagingDocument} and then runs the function's runtime.
     */
    static final String STEM_RUNTIME = "hearth-stem";

    /** Looked up once: each lookup runs a ServiceLoader, on the path of a warming-pool hit. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String RUNTIME_SOCKET = "runtime.sock";

    /** Names the Runtime API's Unix socket in the container, past the relay on {@code AWS_LAMBDA_RUNTIME_API}. */
    static final String RUNTIME_SOCKET_VARIABLE = "HEARTH_RUNTIME_API_SOCKET";

    static final String EGRESS_SOCKET = "egress.sock";

    /**
     * Set ({@code port:socket}) where the runtime itself relays the egress port to the proxy's
     * socket: a relay process that forks per connection (socat) cost ~3 ms a connection, most of
     * an auxiliary call. Hearth's python3 runtime does it on threads of its own process.
     */
    static final String EGRESS_RELAY_VARIABLE = "HEARTH_EGRESS_RELAY";

    /** Set (the port) where the runtime waits for the egress relay process to listen before it loads the function. */
    static final String EGRESS_RELAY_PORT_VARIABLE = "HEARTH_EGRESS_RELAY_PORT";

    /** The relay, in {@link RuntimeContract#RUNTIMES_ROOT}: a module of the python3 runtime, or a process of its own. */
    static final String EGRESS_RELAY_SCRIPT = "python3/egress_relay.py";

    /** Open files per process; the core size is 0: a crash leaves no dump behind. */
    static final int MAX_OPEN_FILES = 1024;

    /** The most pseudo-terminals a container may open at once: the max of its own devpts instance. */
    static final int MAX_PTYS = 16;

    /** The fewest files a container's /tmp may hold, whatever its size. */
    static final long MIN_TMP_INODES = 256;

    /**
     * Mounts the container's /tmp (options {@code $1} on {@code $2}) and /dev/pts ({@code $3} on
     * {@code $4}), in the mount namespace {@code unshare} made for it, then runs the rest.
     */
    private static final String MOUNT = "mount -t tmpfs -o \"$1\" hearth-tmp \"$2\" "
            + "&& mount -t devpts -o \"$3\" hearth-pts \"$4\" || exit 125; shift 4; exec \"$@\"";

    /** The largest file a container may write: its /tmp bounds it anyway, its log gets this much. */
    static final long MIN_FILE_SIZE_LIMIT = 16L << 20;

    /**
     * Opens the seccomp program named by {@code $1} on fd 3 (for {@code bwrap --seccomp 3}) and the
     * bubblewrap options file named by {@code $2} on fd 4 (for {@code bwrap --args 4}), removes
     * that file, moves the shell into each cgroup named by the next {@code n} arguments, then runs
     * the rest.
     */
    private static final String LAUNCH = "exec 3<\"$1\" 4<\"$2\" || exit 125; rm -f \"$2\"; shift 2; n=$1; shift; "
            + "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n-1)); done; exec \"$@\"";

    /**
     * Hidden in /proc, as runc's default spec hides them (and, as Docker's defaults add, sound cards
     * and interrupts): kernel state no function needs to read.
     * runc skips those that this kernel lacks; bwrap is given only those the host's /proc has.
     */
    static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi",
            "/proc/asound",
            "/proc/interrupts",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/sys/firmware");

    /** The masked paths this host's /proc has, files and folders apart (bwrap masks them differently). */
    record ProcMasks(List<String> files, List<String> folders) {
        static ProcMasks of(Path root) {
            List<String> present = MASKED_PATHS.stream()
                    .filter(path -> path.startsWith("/proc/"))
                    .filter(path -> Files.exists(root.resolve(path.substring(1)), LinkOption.NOFOLLOW_LINKS))
                    .toList();
            return new ProcMasks(
                    present.stream()
                            .filter(path -> !Files.isDirectory(root.resolve(path.substring(1))))
                            .toList(),
                    present.stream()
                            .filter(path -> Files.isDirectory(root.resolve(path.substring(1))))
                            .toList());
        }
    }

    /**
     * The container's first process: relays from 127.0.0.1 (in the container's own network
     * namespace) to Unix sockets the agent bound in, {@code $1} the Runtime API's by socat and
     * {@code $2}, unless empty, the egress proxy's by {@code egress_relay.py}; once they listen
     * (the egress relay only if {@code $3} is {@code wait}: else the runtime waits for it itself),
     * the runtime replaces the shell. socat forks per connection, which the Runtime API's one
     * kept-alive connection (of a runtime not Hearth's) does not mind; a function's calls out do.
     */
    private static final String INIT = "relay() { ports=\"$ports $(printf '0100007F:%04X' ${1%%:*})\"; }; "
            + "if [ -n \"$2\" ]; then " + RuntimeContract.PYTHON + " -I -S -B " + RUNTIMES_ROOT + "/"
            + EGRESS_RELAY_SCRIPT + " \"$2\" & if [ \"$3\" = wait ]; then relay \"$2\"; fi; fi; "
            + "socat TCP-LISTEN:${1%%:*},bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:${1#*:} & relay \"$1\"; "
            + "shift 3; for p in $ports; do i=0; until grep -q \" $p 00000000:0000 0A \" /proc/net/tcp; do "
            + "i=$((i+1)); if [ $i -gt 2500 ]; then echo \"hearth: relay $p did not start\" >&2; exit 125; fi; "
            + "sleep 0.002; done; done; exec \"$@\"";

    private SandboxCommands() {}

    /**
     * The command of a container: seccomp program, bubblewrap's options file and cgroups, rlimits,
     * its uid, then bubblewrap with its options ({@link #bwrapOptions}) read from that file, so
     * that bubblewrap's own process, the container's pid 1, shows only {@code bwrap --args 4 --}
     * and the container's first command, never a host path.
     */
    static List<String> container(ContainerSpec spec, Path optionsFile) {
        String uid = Integer.toString(spec.uid());
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "hearth-launch"));
        argv.add(spec.seccompFile().toString());
        argv.add(optionsFile.toString());
        argv.add(Integer.toString(spec.cgroupProcsFiles().size()));
        spec.cgroupProcsFiles().forEach(p -> argv.add(p.toString()));
        argv.addAll(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", MOUNT, "hearth-mount"));
        argv.addAll(List.of(
                String.join(",", tmpMountOptions(spec)),
                spec.mountPoints().resolve("tmp").toString(),
                String.join(",", ptsMountOptions()),
                spec.mountPoints().resolve("pts").toString()));
        long fileSize = fileSizeLimit(spec);
        argv.addAll(List.of(
                "prlimit",
                "--nofile=" + MAX_OPEN_FILES + ":" + MAX_OPEN_FILES,
                "--core=0:0",
                "--fsize=" + fileSize + ":" + fileSize,
                "--"));
        argv.addAll(List.of("setpriv", "--reuid", uid, "--regid", uid, "--clear-groups", "--no-new-privs"));
        argv.addAll(List.of("bwrap", "--args", "4", "--"));
        argv.addAll(init(spec));
        return argv;
    }

    /**
     * bubblewrap's options for a container: new user, pid, net, ipc, uts, mount and cgroup
     * namespaces; read-only root; the masked /proc paths; no capabilities.
     */
    static List<String> bwrapOptions(ContainerSpec spec, HostLayout layout, ProcMasks masks) {
        String uid = Integer.toString(spec.uid());
        List<String> argv = new ArrayList<>(List.of(
                "--unshare-user",
                "--uid",
                uid,
                "--gid",
                uid,
                "--disable-userns",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-net",
                "--unshare-cgroup-try",
                "--hostname",
                "hearth",
                "--cap-drop",
                "ALL",
                "--clearenv",
                "--new-session",
                "--die-with-parent",
                "--seccomp",
                "3"));
        for (HostLayout.Bind bind : layout.readOnlyBinds()) {
            argv.addAll(List.of("--ro-bind", bind.source(), bind.destination()));
        }
        layout.symlinks().forEach((path, target) -> argv.addAll(List.of("--symlink", target, path)));
        for (String file : List.of("passwd", "group", "hosts")) {
            argv.addAll(List.of("--ro-bind", spec.etcDir().resolve(file).toString(), "/etc/" + file));
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // A device bind: --ro-bind would make /dev/null a node on a nodev mount, unreadable, not empty.
        masks.files().forEach(path -> argv.addAll(List.of("--dev-bind", "/dev/null", path)));
        masks.folders().forEach(path -> argv.addAll(List.of("--tmpfs", path, "--remount-ro", path)));
        argv.addAll(List.of("--dev-bind", spec.mountPoints().resolve("pts").toString(), "/dev/pts"));
        argv.addAll(List.of("--bind", spec.mountPoints().resolve("tmp").toString(), "/tmp"));
        argv.addAll(List.of("--ro-bind", spec.codeDir().toString(), TASK_ROOT));
        argv.addAll(List.of("--ro-bind", spec.runtimesDir().toString(), RUNTIMES_ROOT));
        argv.addAll(List.of("--ro-bind", spec.runDir().toString(), RUN_DIR));
        argv.addAll(List.of("--remount-ro", "/", "--remount-ro", "/dev"));
        argv.addAll(List.of("--chdir", RuntimeContract.portionRoot(spec.workload())));
        environment(spec).forEach((name, value) -> argv.addAll(List.of("--setenv", name, value)));
        return argv;
    }

    /** The container's first process, whichever runtime starts it: the relays, then the runtime. */
    static List<String> init(ContainerSpec spec) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", INIT, "hearth-init"));
        argv.add(RUNTIME_API_PORT + ":" + RUN_DIR + "/" + RUNTIME_SOCKET);
        argv.add(spec.egressProxy() && !runtimeRelaysEgress(spec) ? egressRelay() : "");
        argv.add(runtimeAwaitsEgressRelay(spec) ? "" : "wait");
        argv.addAll(runtimeCommand(spec));
        return argv;
    }

    /**
     * The container's /tmp: a tmpfs of the policy's size holding one file (inode) per 4 KiB of it,
     * at least {@value #MIN_TMP_INODES}: without a count of its own, files were bounded only by
     * the memory the kernel charges for them.
     */
    static List<String> tmpMountOptions(ContainerSpec spec) {
        long inodes = Math.max(MIN_TMP_INODES, spec.tmpBytes() / 4096);
        return List.of("nosuid", "nodev", "mode=1777", "size=" + spec.tmpBytes(), "nr_inodes=" + inodes);
    }

    /**
     * The container's own devpts instance, at most {@value #MAX_PTYS} terminals: the host's {@code
     * pty/max} is shared by every container.
     */
    static List<String> ptsMountOptions() {
        return List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "max=" + MAX_PTYS);
    }

    /**
     * RLIMIT_FSIZE: a file may grow a little past the size of /tmp (so that filling /tmp ends in
     * ENOSPC, as a full disk does, not in EFBIG), or to the log's size, whichever is larger.
     */
    static long fileSizeLimit(ContainerSpec spec) {
        return Math.max(spec.tmpBytes() + (1L << 20), MIN_FILE_SIZE_LIMIT);
    }

    /**
     * The runtime's variables ({@link RuntimeContract#environment}), the Runtime API's socket and
     * the egress proxy's where it has one. The socket is the one the relay connects to, in the
     * container's own folder: a runtime that speaks to it directly (Hearth's python3 and Node.js
     * runtimes do) saves the relay's two hops each way and reaches nothing the relay does not.
     */
    static Map<String, String> environment(ContainerSpec spec) {
        Map<String, String> env = RuntimeContract.environment(spec.workload());
        env.put(RUNTIME_SOCKET_VARIABLE, RUN_DIR + "/" + RUNTIME_SOCKET);
        env.remove(EGRESS_RELAY_VARIABLE); // the sandbox's to set, never the function's
        env.remove(EGRESS_RELAY_PORT_VARIABLE);
        if (spec.egressProxy()) {
            String proxy = "http://127.0.0.1:" + EGRESS_PROXY_PORT;
            for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
                env.put(name, proxy);
            }
            env.put("HEARTH_AUX_URL", "http://" + EgressProxy.AUXILIARY_HOST);
            env.put("NO_PROXY", "127.0.0.1,localhost");
            env.put("no_proxy", "127.0.0.1,localhost");
            if (runtimeRelaysEgress(spec)) {
                env.put(EGRESS_RELAY_VARIABLE, egressRelay());
            } else if (runtimeAwaitsEgressRelay(spec)) {
                env.put(EGRESS_RELAY_PORT_VARIABLE, Integer.toString(EGRESS_PROXY_PORT));
            }
        }
        return env;
    }

    /**
     * Whether the container's first process is Hearth's python3 runtime, which relays the egress
     * port on its own threads when {@link #EGRESS_RELAY_VARIABLE} says so; in every other
     * container, a stem cell's too, the same relay runs as a process of its own.
     */
    private static boolean runtimeRelaysEgress(ContainerSpec spec) {
        return spec.workload().runtime().equals("python3");
    }

    /**
     * Whether the container's first process is Hearth's Node.js runtime, which waits for the
     * egress relay process itself ({@link #EGRESS_RELAY_PORT_VARIABLE}) while Node.js starts: the
     * relay's own start (a python3 interpreter, ~20 ms) is then off a cold start's path.
     */
    private static boolean runtimeAwaitsEgressRelay(ContainerSpec spec) {
        return spec.workload().runtime().equals("nodejs");
    }

    private static String egressRelay() {
        return EGRESS_PROXY_PORT + ":" + RUN_DIR + "/" + EGRESS_SOCKET;
    }

    /** The runtime's command ({@link RuntimeContract#command}); a stem cell's waits to be staged. */
    static List<String> runtimeCommand(ContainerSpec spec) {
        return spec.workload().runtime().equals(STEM_RUNTIME)
                ? List.of(RuntimeContract.PYTHON, "-B", RUNTIMES_ROOT + "/stem.py")
                : RuntimeContract.command(spec.workload());
    }

    /**
     * What a stem cell runs once staged with the function of {@code spec}: the environment, folder
     * and command the container would have been started with. A python3 runtime is run in the stem's
     * own interpreter, which has loaded what it needs already, unless the function sets variables
     * that only take effect when a process starts ({@code PYTHON*}, {@code LD_*}); then, as for every
     * other runtime, the stem executes the command.
     */
    static String stagingDocument(ContainerSpec spec) {
        JsonObjectBuilder environment = JSON.createObjectBuilder();
        Map<String, String> variables = environment(spec);
        variables.remove(EGRESS_RELAY_VARIABLE); // the stem cell's relay process relays egress already
        variables.forEach(environment::add);
        boolean inProcess = spec.workload().runtime().equals("python3")
                && spec.workload().environment().keySet().stream()
                        .noneMatch(name -> name.startsWith("PYTHON") || name.startsWith("LD_"));
        return JSON.createObjectBuilder()
                .add("environment", environment)
                .add("root", RuntimeContract.portionRoot(spec.workload()))
                .add("command", JSON.createArrayBuilder(runtimeCommand(spec)))
                .add("inProcess", inProcess)
                .build()
                .toString();
    }
}
