package dev.hearth.hypervisor.host.driver;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a portion's runtime finds in its container, whichever driver runs it: its folders, its
 * Lambda environment and its command. Pure; a driver adds only what is its own (the sandbox's
 * egress proxy).
 */
public final class RuntimeContract {

    /** The port of the Runtime API inside every container. */
    public static final int RUNTIME_API_PORT = 9001;

    /** Where the code package's folders the portion may see are, read-only. */
    public static final String TASK_ROOT = "/var/task";

    /** Where the runtime loops ({@code python3/bootstrap.py}...) are, read-only. */
    public static final String RUNTIMES_ROOT = "/opt/hearth";

    /**
     * The runtime loops every driver installs in {@link #RUNTIMES_ROOT}, from the agent's
     * resources ({@code /runtimes/...}): Hearth's python3 and Node.js runtimes and the egress relay.
     */
    public static final List<String> RUNTIME_SHIMS =
            List.of("python3/bootstrap.py", "python3/egress_relay.py", "nodejs/bootstrap.js");

    /** The container's own folder: its sockets and, for a trusted portion, its credential and secrets. */
    public static final String RUN_DIR = "/run/hearth";

    /** The trusted portion's credential, a file in {@link #RUN_DIR} replaced per invocation. */
    public static final String CREDENTIAL_FILE = "credential";

    /** The trusted portion's secrets, a folder in {@link #RUN_DIR} of one file each. */
    public static final String SECRETS_FOLDER = "secrets";

    public static final String PYTHON = "/usr/bin/python3";

    private RuntimeContract() {}

    /** A portion's folder in normalised relative form; the agent has checked that it stays inside. */
    public static String portionPath(String path) {
        if (path == null) {
            return "";
        }
        String text = Path.of(path).normalize().toString();
        return text.equals(".") ? "" : text;
    }

    /** The portion's folder in its container: its working directory. */
    public static String portionRoot(Workload workload) {
        return workload.portionPath().isEmpty() ? TASK_ROOT : TASK_ROOT + "/" + workload.portionPath();
    }

    /** The function's variables, then the runtime's, which win. */
    public static Map<String, String> environment(Workload workload) {
        Map<String, String> env = new LinkedHashMap<>(workload.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + RUNTIME_API_PORT);
        env.put("_HANDLER", workload.handler());
        env.put("LAMBDA_TASK_ROOT", TASK_ROOT);
        env.put("HEARTH_PORTION_ROOT", portionRoot(workload));
        env.put("HEARTH_PORTION", workload.portionName());
        env.put("HEARTH_TRUST_LEVEL", workload.trusted() ? "trusted" : "untrusted");
        env.put("AWS_LAMBDA_FUNCTION_NAME", workload.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(workload.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        if (workload.trusted()) {
            env.put("HEARTH_CREDENTIAL_FILE", RUN_DIR + "/" + CREDENTIAL_FILE);
            env.put("HEARTH_SECRETS_DIR", RUN_DIR + "/" + SECRETS_FOLDER);
        }
        return env;
    }

    /** The runtime's command line: AWS's {@code bootstrap} in the portion's folder, or our runtime loop. */
    public static List<String> command(Workload workload) {
        return switch (workload.runtime()) {
            case "provided" -> List.of(portionRoot(workload) + "/bootstrap");
            case "python3" -> List.of(PYTHON, "-B", RUNTIMES_ROOT + "/python3/bootstrap.py");
            case "nodejs" -> List.of("/usr/bin/node", RUNTIMES_ROOT + "/nodejs/bootstrap.js");
            default -> throw new IllegalArgumentException("unknown runtime " + workload.runtime());
        };
    }
}
