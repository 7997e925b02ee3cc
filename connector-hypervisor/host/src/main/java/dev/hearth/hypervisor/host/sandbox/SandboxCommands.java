package dev.hearth.hypervisor.host.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the command lines of the sandbox driver; pure, so that they can be read in tests. */
final class SandboxCommands {

    /** The port of the Runtime API inside every instance (the relay listens on it). */
    static final int RUNTIME_API_PORT = 9001;

    static final String TASK_ROOT = "/var/task";
    static final String RUNTIMES_ROOT = "/opt/hearth";

    /** Runs {@code $@} after moving the shell into each cgroup named by the first {@code n} arguments. */
    private static final String JOIN_CGROUPS =
            "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n-1)); done; exec \"$@\"";

    private SandboxCommands() {}

    static String netnsName(String instanceId) {
        return "hearth-" + instanceId;
    }

    /** Prefixes {@code command} so that it runs inside the given cgroups from its first instruction. */
    static List<String> inCgroups(List<Path> procsFiles, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN_CGROUPS, "hearth-join"));
        argv.add(Integer.toString(procsFiles.size()));
        procsFiles.forEach(p -> argv.add(p.toString()));
        argv.addAll(command);
        return argv;
    }

    /** The relay from {@code 127.0.0.1:9001} in the instance's namespace to the agent's socket. */
    static List<String> relay(String netns, Path runtimeSocket) {
        return List.of(
                "ip",
                "netns",
                "exec",
                netns,
                "socat",
                "TCP-LISTEN:" + RUNTIME_API_PORT + ",bind=127.0.0.1,fork,reuseaddr,nodelay",
                "UNIX-CONNECT:" + runtimeSocket);
    }

    /** The full command of a container: cgroups, namespace, uid, then bubblewrap and the runtime. */
    static List<String> container(ContainerSpec spec, HostLayout layout) {
        String uid = Integer.toString(spec.uid());
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", spec.netns()));
        argv.addAll(List.of("setpriv", "--reuid", uid, "--regid", uid, "--clear-groups"));
        argv.addAll(List.of(
                "bwrap",
                "--unshare-user",
                "--uid",
                uid,
                "--gid",
                uid,
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--hostname",
                "hearth",
                "--cap-drop",
                "ALL",
                "--clearenv",
                "--new-session",
                "--die-with-parent"));
        for (String path : layout.readOnlyBinds()) {
            argv.addAll(List.of("--ro-bind", path, path));
        }
        layout.symlinks().forEach((path, target) -> argv.addAll(List.of("--symlink", target, path)));
        for (String file : List.of("passwd", "group", "hosts")) {
            argv.addAll(List.of("--ro-bind", spec.etcDir().resolve(file).toString(), "/etc/" + file));
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        argv.addAll(List.of("--size", Long.toString(spec.tmpBytes()), "--tmpfs", "/tmp"));
        argv.addAll(List.of("--ro-bind", spec.codeDir().toString(), TASK_ROOT));
        argv.addAll(List.of("--ro-bind", spec.runtimesDir().toString(), RUNTIMES_ROOT));
        argv.addAll(List.of("--chdir", portionRoot(spec)));
        environment(spec).forEach((name, value) -> argv.addAll(List.of("--setenv", name, value)));
        argv.add("--");
        argv.addAll(runtimeCommand(spec));
        return argv;
    }

    static String portionRoot(ContainerSpec spec) {
        return spec.portionPath().isEmpty() ? TASK_ROOT : TASK_ROOT + "/" + spec.portionPath();
    }

    /** The request's variables, then ours, which win. */
    static Map<String, String> environment(ContainerSpec spec) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + RUNTIME_API_PORT);
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", TASK_ROOT);
        env.put("HEARTH_PORTION_ROOT", portionRoot(spec));
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        return env;
    }

    static List<String> runtimeCommand(ContainerSpec spec) {
        return switch (spec.runtime()) {
            case "provided" -> List.of(portionRoot(spec) + "/bootstrap");
            case "python3" -> List.of("/usr/bin/python3", "-B", RUNTIMES_ROOT + "/python3/bootstrap.py");
            case "nodejs" -> List.of("/usr/bin/node", RUNTIMES_ROOT + "/nodejs/bootstrap.js");
            default -> throw new IllegalArgumentException("unknown runtime " + spec.runtime());
        };
    }
}
