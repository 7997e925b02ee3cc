package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciConfigTest {

    private final ContainerSpec spec = SandboxCommandsTest.spec("python3", "", false, false);

    /** The configuration as runc reads it: written out and parsed back. */
    private JsonObject config() {
        String written = OciConfig.of(spec, SandboxCommandsTest.MERGED_USR).toString();
        return Json.createReader(new StringReader(written)).readObject();
    }

    private static List<String> strings(JsonValue array) {
        return array.asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    @Test
    void runsTheRelaysAndTheRuntimeAsItsOwnUidWithoutCapabilities() {
        JsonObject process = config().getJsonObject("process");

        assertEquals(200_001, process.getJsonObject("user").getInt("uid"));
        assertEquals(200_001, process.getJsonObject("user").getInt("gid"));
        assertEquals(List.of(), strings(process.getJsonObject("user").get("additionalGids")));
        for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
            assertEquals(
                    List.of(), strings(process.getJsonObject("capabilities").get(set)), set);
        }
        assertTrue(process.getBoolean("noNewPrivileges"));
        assertFalse(process.getBoolean("terminal"));
        List<String> args = strings(process.get("args"));
        assertEquals("hearth-log", args.get(3), "first, the log file becomes stdout and stderr");
        assertEquals(SandboxCommands.init(spec), args.subList(4, args.size()));
        assertEquals("/var/task", process.getString("cwd"));
        assertTrue(strings(process.get("env")).contains("AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001"));
        assertTrue(strings(process.get("env")).contains("GREETING=hi"));
    }

    @Test
    void limitsOpenFilesCoreDumpsAndFileSizes() {
        Map<String, Long> rlimits = new java.util.HashMap<>();
        for (JsonValue rlimit : config().getJsonObject("process").getJsonArray("rlimits")) {
            JsonObject limit = rlimit.asJsonObject();
            assertEquals(limit.getJsonNumber("soft"), limit.getJsonNumber("hard"));
            rlimits.put(limit.getString("type"), limit.getJsonNumber("hard").longValue());
        }

        assertEquals(Map.of("RLIMIT_NOFILE", 1024L, "RLIMIT_CORE", 0L, "RLIMIT_FSIZE", 16L << 20), rlimits);
    }

    @Test
    void bindsExactlyWhatBubblewrapBindsAndAllOfItReadOnly() {
        List<List<String>> bwrapBinds = new ArrayList<>();
        // The masks aside: runc masks with its own maskedPaths.
        List<String> argv = SandboxCommands.bwrapOptions(
                spec, SandboxCommandsTest.MERGED_USR, new SandboxCommands.ProcMasks(List.of(), List.of()));
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--ro-bind")) {
                bwrapBinds.add(List.of(argv.get(i + 1), argv.get(i + 2)));
            }
        }
        List<List<String>> ociBinds = new ArrayList<>();
        for (JsonValue value : config().getJsonArray("mounts")) {
            JsonObject mount = value.asJsonObject();
            if (mount.getString("type").equals("bind")) {
                ociBinds.add(List.of(mount.getString("source"), mount.getString("destination")));
                assertTrue(
                        strings(mount.get("options")).containsAll(List.of("ro", "nosuid", "nodev")), mount.toString());
            }
        }

        assertEquals(bwrapBinds, ociBinds);
        assertTrue(ociBinds.contains(List.of("/state/code/1234", "/var/task")));
        assertTrue(ociBinds.contains(List.of("/state/image/usr", "/usr")));
    }

    @Test
    void hasAReadOnlyRootAndABoundedTmp() {
        JsonObject config = config();
        JsonObject tmp = config.getJsonArray("mounts").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("destination").equals("/tmp"))
                .findFirst()
                .orElseThrow();

        assertTrue(config.getJsonObject("root").getBoolean("readonly"));
        assertEquals("rootfs", config.getJsonObject("root").getString("path"));
        assertEquals("tmpfs", tmp.getString("type"));
        assertTrue(strings(tmp.get("options")).containsAll(List.of("size=8388608", "nr_inodes=2048")), tmp.toString());
        assertTrue(
                strings(config.getJsonObject("linux").get("readonlyPaths")).containsAll(List.of("/dev", "/proc/sys")));
    }

    @Test
    void runsInNewNamespacesButTheUsersAndInTheCgroupTheAgentLimited() {
        JsonObject linux = config().getJsonObject("linux");
        List<String> namespaces = linux.getJsonArray("namespaces").getValuesAs(JsonObject.class).stream()
                .peek(ns -> assertFalse(ns.containsKey("path"), "a namespace of its own: " + ns))
                .map(ns -> ns.getString("type"))
                .toList();
        JsonObject resources = linux.getJsonObject("resources");

        assertEquals(List.of("pid", "ipc", "uts", "mount", "cgroup", "network"), namespaces);
        assertEquals("/hearth/abc/c1", linux.getString("cgroupsPath"));
        assertEquals(
                128L << 20,
                resources.getJsonObject("memory").getJsonNumber("limit").longValue());
        assertEquals(
                128L << 20,
                resources.getJsonObject("memory").getJsonNumber("swap").longValue());
        assertEquals(21, resources.getJsonObject("pids").getInt("limit"));
        // Half a core, in 10 ms periods (short, so that a busy container waits in short gaps).
        assertEquals(5_000, resources.getJsonObject("cpu").getInt("quota"));
        assertEquals(10_000, resources.getJsonObject("cpu").getInt("period"));
    }

    @Test
    void carriesTheSeccompFilter() {
        assertEquals(SeccompFilter.oci(), config().getJsonObject("linux").getJsonObject("seccomp"));
    }
}
