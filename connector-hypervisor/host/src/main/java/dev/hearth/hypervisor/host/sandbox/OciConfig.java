package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.RuntimeContract;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's OCI runtime configuration ({@code config.json}, runtime spec 1.0.2, as runc 1.1
 * reads it): the same container that {@link SandboxCommands} describes to bwrap. Its own uid,
 * no capabilities, no new privileges, rlimits; a read-only root (an empty folder of the bundle,
 * plus the host's symbolic links of {@link HostLayout}, which the driver creates there) with the
 * runtime image as {@code /usr} and the rest of the layout bound read-only, the code at {@code /var/task},
 * the runtime shims at {@code /opt/hearth}, its folder at {@code /run/hearth}, a bounded {@code
 * /tmp}; new pid, ipc, uts, mount, cgroup and network namespaces (runc brings up the new
 * network's loopback, where the relays listen); the cgroup the agent prepared, with the same
 * limits; the seccomp filter of {@link SeccompFilter}. Pure, so that tests can read it.
 */
final class OciConfig {

    static final String OCI_VERSION = "1.0.2";

    /** Left read-only in /proc, as runc's default spec does; the uid could not write them anyway. */
    private static final List<String> READ_ONLY_PATHS =
            List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private static final List<String> BIND_READ_ONLY = List.of("rbind", "ro", "nosuid", "nodev");

    /**
     * Makes the container's log file (fd 3, see {@link RuncLauncher}) its stdout and stderr:
     * without it, a runc in the foreground gives the container pipes and copies them out on its
     * own time, so what the runtime printed before replying could miss its invocation's log tail.
     */
    private static final String LOG_TO_FD_3 = "if [ -e /proc/self/fd/3 ]; then exec 1>&3 2>&3 3>&-; fi; exec \"$@\"";

    private OciConfig() {}

    /** The configuration; its root is the bundle's {@code rootfs} folder. */
    static JsonObject of(ContainerSpec spec, HostLayout layout) {
        return Json.createObjectBuilder()
                .add("ociVersion", OCI_VERSION)
                .add("process", process(spec))
                .add("root", Json.createObjectBuilder().add("path", "rootfs").add("readonly", true))
                .add("hostname", "hearth")
                .add("mounts", mounts(spec, layout))
                .add("linux", linux(spec))
                .build();
    }

    private static JsonObjectBuilder process(ContainerSpec spec) {
        JsonArrayBuilder env = Json.createArrayBuilder();
        SandboxCommands.environment(spec).forEach((name, value) -> env.add(name + "=" + value));
        JsonArrayBuilder none = Json.createArrayBuilder();
        long fileSize = SandboxCommands.fileSizeLimit(spec);
        return Json.createObjectBuilder()
                .add("terminal", false)
                .add(
                        "user",
                        Json.createObjectBuilder()
                                .add("uid", spec.uid())
                                .add("gid", spec.uid())
                                .add("additionalGids", Json.createArrayBuilder()))
                .add("args", Json.createArrayBuilder(args(spec)))
                .add("env", env)
                .add("cwd", RuntimeContract.portionRoot(spec.workload()))
                .add(
                        "capabilities",
                        Json.createObjectBuilder()
                                .add("bounding", none)
                                .add("effective", none)
                                .add("inheritable", none)
                                .add("permitted", none)
                                .add("ambient", none))
                .add(
                        "rlimits",
                        Json.createArrayBuilder()
                                .add(rlimit("RLIMIT_NOFILE", SandboxCommands.MAX_OPEN_FILES))
                                .add(rlimit("RLIMIT_CORE", 0))
                                .add(rlimit("RLIMIT_FSIZE", fileSize)))
                .add("noNewPrivileges", true);
    }

    static List<String> args(ContainerSpec spec) {
        List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", LOG_TO_FD_3, "hearth-log"));
        args.addAll(SandboxCommands.init(spec));
        return args;
    }

    private static JsonObjectBuilder rlimit(String type, long limit) {
        return Json.createObjectBuilder().add("type", type).add("hard", limit).add("soft", limit);
    }

    /** In bwrap's order: proc, dev, the runtime image and host files read-only, etc, /tmp, then ours. */
    private static JsonArrayBuilder mounts(ContainerSpec spec, HostLayout layout) {
        JsonArrayBuilder mounts = Json.createArrayBuilder()
                .add(mount("/proc", "proc", "proc", List.of("nosuid", "nodev", "noexec")))
                .add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")))
                .add(mount("/dev/pts", "devpts", "devpts", SandboxCommands.ptsMountOptions()));
        for (HostLayout.Bind bind : layout.readOnlyBinds()) {
            mounts.add(bind(bind.source(), bind.destination()));
        }
        for (String file : List.of("passwd", "group", "hosts")) {
            mounts.add(bind(spec.etcDir().resolve(file).toString(), "/etc/" + file));
        }
        mounts.add(mount("/tmp", "tmpfs", "tmpfs", SandboxCommands.tmpMountOptions(spec)));
        mounts.add(bind(spec.codeDir().toString(), RuntimeContract.TASK_ROOT));
        mounts.add(bind(spec.runtimesDir().toString(), RuntimeContract.RUNTIMES_ROOT));
        mounts.add(bind(spec.runDir().toString(), RuntimeContract.RUN_DIR));
        return mounts;
    }

    private static JsonObjectBuilder bind(String source, String destination) {
        return mount(destination, "bind", source, BIND_READ_ONLY);
    }

    private static JsonObjectBuilder mount(String destination, String type, String source, List<String> options) {
        return Json.createObjectBuilder()
                .add("destination", destination)
                .add("type", type)
                .add("source", source)
                .add("options", Json.createArrayBuilder(options));
    }

    private static JsonObjectBuilder linux(ContainerSpec spec) {
        JsonArrayBuilder namespaces = Json.createArrayBuilder();
        for (String type : List.of("pid", "ipc", "uts", "mount", "cgroup", "network")) {
            namespaces.add(Json.createObjectBuilder().add("type", type));
        }
        CgroupV1.Limits limits = spec.limits();
        JsonObjectBuilder resources = Json.createObjectBuilder()
                .add(
                        "memory",
                        Json.createObjectBuilder()
                                .add("limit", limits.memoryBytes())
                                .add("swap", limits.memoryBytes()))
                .add("pids", Json.createObjectBuilder().add("limit", limits.maxProcesses()))
                .add(
                        "cpu",
                        Json.createObjectBuilder()
                                .add("period", CgroupV1.CPU_PERIOD_MICROS)
                                .add("quota", limits.cpuQuotaMicros()));
        return Json.createObjectBuilder()
                .add("namespaces", namespaces)
                .add("cgroupsPath", "/" + spec.cgroupPath())
                .add("resources", resources)
                // After runc has made the devices in it: /dev is read-only, as bwrap's --remount-ro /dev.
                .add("readonlyPaths", Json.createArrayBuilder(READ_ONLY_PATHS).add("/dev"))
                .add("maskedPaths", Json.createArrayBuilder(SandboxCommands.MASKED_PATHS))
                .add("seccomp", SeccompFilter.oci());
    }
}
