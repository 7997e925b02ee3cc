package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {

    private static final int X86_64 = 0xC000003E;
    private static final int I386 = 0x40000003;
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL_PROCESS = 0x80000000;
    private static final int EPERM = 0x00050000 | 1;
    private static final int ENOSYS = 0x00050000 | 38;

    /** The calls that reach other processes, the kernel or the namespaces, by x86_64 number. */
    private static final Map<String, Integer> RISKY = Map.ofEntries(
            Map.entry("ptrace", 101),
            Map.entry("process_vm_readv", 310),
            Map.entry("process_vm_writev", 311),
            Map.entry("pidfd_getfd", 438),
            Map.entry("process_madvise", 440),
            Map.entry("modify_ldt", 154),
            Map.entry("set_thread_area", 205),
            Map.entry("kcmp", 312),
            Map.entry("get_robust_list", 274),
            Map.entry("bpf", 321),
            Map.entry("perf_event_open", 298),
            Map.entry("userfaultfd", 323),
            Map.entry("keyctl", 250),
            Map.entry("add_key", 248),
            Map.entry("mount", 165),
            Map.entry("fsopen", 430),
            Map.entry("open_tree", 428),
            Map.entry("unshare", 272),
            Map.entry("setns", 308),
            Map.entry("pivot_root", 155),
            Map.entry("chroot", 161),
            Map.entry("init_module", 175),
            Map.entry("kexec_load", 246),
            Map.entry("open_by_handle_at", 304),
            Map.entry("vmsplice", 278),
            Map.entry("io_setup", 206),
            Map.entry("mbind", 237),
            Map.entry("move_pages", 279),
            Map.entry("syslog", 103),
            Map.entry("iopl", 172),
            Map.entry("settimeofday", 164),
            Map.entry("clock_adjtime", 305),
            Map.entry("reboot", 169),
            Map.entry("fanotify_init", 300),
            Map.entry("memfd_secret", 447),
            Map.entry("statmount", 457));

    /**
     * Runs the BPF program on one call, as the kernel does: the subset of classic BPF the program
     * uses (absolute word loads, AND, JEQ, JGE, RET), little-endian {@code struct seccomp_data}.
     */
    private static int runOn(int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer bpf = ByteBuffer.wrap(SeccompFilter.program()).order(ByteOrder.nativeOrder());
        int accumulator = 0;
        int pc = 0;
        while (true) {
            int at = pc * 8;
            int code = bpf.getShort(at);
            int jumpIfTrue = bpf.get(at + 2) & 0xff;
            int jumpIfFalse = bpf.get(at + 3) & 0xff;
            int k = bpf.getInt(at + 4);
            pc++;
            switch (code) {
                case 0x20 -> accumulator = data.getInt(k);
                case 0x54 -> accumulator &= k;
                case 0x15 -> pc += accumulator == k ? jumpIfTrue : jumpIfFalse;
                case 0x35 -> pc += Integer.compareUnsigned(accumulator, k) >= 0 ? jumpIfTrue : jumpIfFalse;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected instruction " + code);
            }
        }
    }

    private static int run(int nr, long... args) {
        return runOn(X86_64, nr, args);
    }

    private static List<JsonObject> ociRules() {
        return SeccompFilter.oci().getJsonArray("syscalls").getValuesAs(JsonObject.class);
    }

    private static Set<String> names(JsonObject rule) {
        return rule.getJsonArray("names").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .collect(Collectors.toSet());
    }

    @Test
    void allowsTheListedCallsAndAnswersEpermToAnyOther() {
        Set<Integer> allowed = new HashSet<>();
        for (SeccompFilter.Call call : SeccompFilter.ALLOWED) {
            assertEquals(ALLOW, run(call.number()), call.name());
            assertTrue(allowed.add(call.number()), "twice: " + call);
        }
        for (int nr = 0; nr < SeccompFilter.FIRST_UNKNOWN; nr++) {
            int nrFinal = nr;
            boolean special =
                    SeccompFilter.CONDITIONAL.stream().anyMatch(c -> c.call().number() == nrFinal)
                            || SeccompFilter.NOT_IMPLEMENTED.stream().anyMatch(c -> c.number() == nrFinal);
            if (!allowed.contains(nr) && !special) {
                assertEquals(EPERM, run(nr), "call " + nr);
            }
        }
    }

    @Test
    void theRiskyCallsAreDeniedWithEpermInBothForms() {
        Set<String> ociAllowed = new HashSet<>();
        for (JsonObject rule : ociRules()) {
            if (rule.getString("action").equals("SCMP_ACT_ALLOW")) {
                ociAllowed.addAll(names(rule));
            }
        }
        RISKY.forEach((name, nr) -> {
            assertEquals(EPERM, run(nr, 0, 0, 0), name);
            assertFalse(ociAllowed.contains(name), name);
        });
        assertEquals("SCMP_ACT_ERRNO", SeccompFilter.oci().getString("defaultAction"), "runc's errno is EPERM");
    }

    @Test
    void bothFormsAllowTheSameCalls() {
        Set<String> unconditional = ociRules().stream()
                .filter(rule -> rule.getString("action").equals("SCMP_ACT_ALLOW") && !rule.containsKey("args"))
                .flatMap(rule -> names(rule).stream())
                .collect(Collectors.toSet());
        Set<String> listed =
                SeccompFilter.ALLOWED.stream().map(SeccompFilter.Call::name).collect(Collectors.toSet());

        assertEquals(listed, unconditional);
    }

    @Test
    void socketsOnlyForUnixIpAndNetlinkRoutes() {
        int socket = 41;
        assertEquals(ALLOW, run(socket, 1, 1, 0), "AF_UNIX");
        assertEquals(ALLOW, run(socket, 2, 1, 0), "AF_INET");
        assertEquals(ALLOW, run(socket, 10, 2, 0), "AF_INET6");
        assertEquals(ALLOW, run(socket, 16, 3, 0), "AF_NETLINK, NETLINK_ROUTE");
        assertEquals(EPERM, run(socket, 16, 3, 9), "NETLINK_AUDIT");
        assertEquals(EPERM, run(socket, 40, 1, 0), "AF_VSOCK");
        assertEquals(EPERM, run(socket, 17, 3, 0), "AF_PACKET");
        assertEquals(EPERM, run(socket, 38, 5, 0), "AF_ALG");
        assertEquals(ALLOW, run(53, 1, 1, 0), "socketpair AF_UNIX");
        assertEquals(EPERM, run(53, 40, 1, 0), "socketpair of another family");
    }

    @Test
    void cloneWithoutNamespaceFlagsOnly() {
        long thread = 0x3d0f00; // what glibc's pthread_create asks for
        long fork = 0x01200011; // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
        assertEquals(ALLOW, run(56, thread));
        assertEquals(ALLOW, run(56, fork));
        for (long flag :
                List.of(0x00020000L, 0x02000000L, 0x04000000L, 0x08000000L, 0x10000000L, 0x20000000L, 0x40000000L)) {
            assertEquals(EPERM, run(56, fork | flag), Long.toHexString(flag));
        }
    }

    @Test
    void personalityOnlyReadsOrSetsTheDefault() {
        assertEquals(ALLOW, run(135, 0xffffffffL), "query");
        assertEquals(ALLOW, run(135, 0), "PER_LINUX");
        assertEquals(EPERM, run(135, 0x0040000), "ADDR_NO_RANDOMIZE");
        assertEquals(EPERM, run(135, 0x0008), "PER_LINUX32");
        assertEquals(EPERM, run(135, 0x0400000), "READ_IMPLIES_EXEC");
    }

    @Test
    void theOciFormSaysTheSameOfArguments() {
        List<JsonObject> socket = ociRules().stream()
                .filter(rule -> names(rule).equals(Set.of("socket")))
                .toList();
        List<JsonObject> clone = ociRules().stream()
                .filter(rule -> names(rule).equals(Set.of("clone")))
                .toList();

        assertEquals(
                Set.of(List.of(1L), List.of(2L), List.of(10L), List.of(16L, 0L)),
                socket.stream()
                        .map(rule -> rule.getJsonArray("args").getValuesAs(JsonObject.class).stream()
                                .map(arg -> arg.getJsonNumber("value").longValue())
                                .toList())
                        .collect(Collectors.toSet()));
        assertEquals(1, clone.size());
        JsonObject arg = clone.get(0).getJsonArray("args").getJsonObject(0);
        assertEquals("SCMP_CMP_MASKED_EQ", arg.getString("op"));
        assertEquals(0x7e020000L, arg.getJsonNumber("value").longValue(), "the namespace flags");
        assertEquals(0L, arg.getJsonNumber("valueTwo").longValue(), "none of them set");
        assertEquals(
                Set.of(0L, 0xffffffffL),
                ociRules().stream()
                        .filter(rule -> names(rule).equals(Set.of("personality")))
                        .map(rule -> rule.getJsonArray("args").getJsonObject(0).getJsonNumber("value"))
                        .map(JsonNumber::longValue)
                        .collect(Collectors.toSet()));
    }

    @Test
    void clone3IoUringAndCallsNewerThanTheTableAnswerEnosysSoThatLibcFallsBack() {
        assertEquals(ENOSYS, run(435));
        assertEquals(ENOSYS, run(425));
        assertEquals(ENOSYS, run(SeccompFilter.FIRST_UNKNOWN));
        assertEquals(ENOSYS, run(1000));
        JsonObject enosys = ociRules().stream()
                .filter(rule -> names(rule).contains("clone3"))
                .findFirst()
                .orElseThrow();
        assertEquals(38, enosys.getInt("errnoRet"));
        assertEquals(Set.of("clone3", "io_uring_setup", "io_uring_enter", "io_uring_register"), names(enosys));
    }

    @Test
    void otherArchitecturesAndX32AreKilled() {
        assertEquals(KILL_PROCESS, runOn(I386, 1));
        assertEquals(KILL_PROCESS, runOn(X86_64, 0x40000000 | 1));
        assertEquals(
                List.of("SCMP_ARCH_X86_64"),
                SeccompFilter.oci().getJsonArray("architectures").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
    }
}
