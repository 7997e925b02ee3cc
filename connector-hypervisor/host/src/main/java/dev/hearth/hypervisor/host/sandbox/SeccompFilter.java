package dev.hearth.hypervisor.host.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seccomp filter of every container, from one rule table in two forms: a classic BPF program
 * in the binary form that {@code bwrap --seccomp FD} reads (an array of {@code struct
 * sock_filter}, host byte order), built here so that no compiler or libseccomp is needed on the
 * host, and the OCI runtime spec's {@code linux.seccomp} JSON that runc reads. x86_64 only: any
 * other system-call architecture (i386 through {@code int 0x80}, x32) kills the process.
 *
 * <p>Denied with EPERM: the calls that change the kernel or the host (modules, kexec, mount,
 * swap, reboot, clocks, keyrings), that inspect or reach other processes (ptrace, process_vm_*,
 * kcmp, perf_event_open, bpf), that leave the sandbox's namespaces (unshare, setns, clone with a
 * namespace flag) and those with a history of privilege escalation (userfaultfd,
 * open_by_handle_at). {@code clone3} and io_uring answer ENOSYS, so that glibc and libuv fall
 * back to {@code clone} and plain system calls instead of failing.
 */
final class SeccompFilter {

    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0_LOW = 16;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    private static final int CLONE = 56;

    /** One denied system call and the errno it answers. */
    record Denial(String name, int number, int errno) {}

    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: clone with any of them is EPERM. */
    static final List<Integer> CLONE_NAMESPACE_FLAGS =
            List.of(0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000);

    /**
     * The denied calls, in the order the BPF program tests them: their names (as libseccomp knows
     * them, for the OCI form), their x86_64 numbers (asm/unistd_64.h, for the BPF form) and the
     * errno they answer.
     */
    static final List<Denial> DENIALS = List.of(
            new Denial("clone3", 435, ENOSYS),
            new Denial("io_uring_setup", 425, ENOSYS),
            new Denial("io_uring_enter", 426, ENOSYS),
            new Denial("io_uring_register", 427, ENOSYS),
            new Denial("ptrace", 101, EPERM),
            new Denial("syslog", 103, EPERM),
            new Denial("uselib", 134, EPERM),
            new Denial("vhangup", 153, EPERM),
            new Denial("pivot_root", 155, EPERM),
            new Denial("_sysctl", 156, EPERM),
            new Denial("adjtimex", 159, EPERM),
            new Denial("chroot", 161, EPERM),
            new Denial("acct", 163, EPERM),
            new Denial("settimeofday", 164, EPERM),
            new Denial("mount", 165, EPERM),
            new Denial("umount2", 166, EPERM),
            new Denial("swapon", 167, EPERM),
            new Denial("swapoff", 168, EPERM),
            new Denial("reboot", 169, EPERM),
            new Denial("sethostname", 170, EPERM),
            new Denial("setdomainname", 171, EPERM),
            new Denial("iopl", 172, EPERM),
            new Denial("ioperm", 173, EPERM),
            new Denial("create_module", 174, EPERM),
            new Denial("init_module", 175, EPERM),
            new Denial("delete_module", 176, EPERM),
            new Denial("get_kernel_syms", 177, EPERM),
            new Denial("query_module", 178, EPERM),
            new Denial("quotactl", 179, EPERM),
            new Denial("nfsservctl", 180, EPERM),
            new Denial("lookup_dcookie", 212, EPERM),
            new Denial("clock_settime", 227, EPERM),
            new Denial("kexec_load", 246, EPERM),
            new Denial("add_key", 248, EPERM),
            new Denial("request_key", 249, EPERM),
            new Denial("keyctl", 250, EPERM),
            new Denial("unshare", 272, EPERM),
            new Denial("perf_event_open", 298, EPERM),
            new Denial("fanotify_init", 300, EPERM),
            new Denial("name_to_handle_at", 303, EPERM),
            new Denial("open_by_handle_at", 304, EPERM),
            new Denial("clock_adjtime", 305, EPERM),
            new Denial("setns", 308, EPERM),
            new Denial("process_vm_readv", 310, EPERM),
            new Denial("process_vm_writev", 311, EPERM),
            new Denial("kcmp", 312, EPERM),
            new Denial("finit_module", 313, EPERM),
            new Denial("kexec_file_load", 320, EPERM),
            new Denial("bpf", 321, EPERM),
            new Denial("userfaultfd", 323, EPERM),
            new Denial("open_tree", 428, EPERM),
            new Denial("move_mount", 429, EPERM),
            new Denial("fsopen", 430, EPERM),
            new Denial("fsconfig", 431, EPERM),
            new Denial("fsmount", 432, EPERM),
            new Denial("fspick", 433, EPERM),
            new Denial("mount_setattr", 442, EPERM));

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7fff0000;

    private SeccompFilter() {}

    /** The BPF program's bytes. */
    static byte[] program() {
        int instructions = 6 + 2 * DENIALS.size() + 5;
        ByteBuffer bpf = ByteBuffer.allocate(instructions * 8).order(ByteOrder.nativeOrder());
        statement(bpf, LD_W_ABS, OFFSET_ARCH);
        jump(bpf, JEQ_K, AUDIT_ARCH_X86_64, 1, 0);
        statement(bpf, RET_K, RET_KILL_PROCESS);
        statement(bpf, LD_W_ABS, OFFSET_NR);
        jump(bpf, JGE_K, X32_SYSCALL_BIT, 0, 1);
        statement(bpf, RET_K, RET_KILL_PROCESS);
        for (Denial denial : DENIALS) {
            deny(bpf, denial.number(), denial.errno());
        }
        // clone with a namespace flag: load the low half of its first argument (flags).
        int anyNamespaceFlag = CLONE_NAMESPACE_FLAGS.stream().reduce(0, (a, b) -> a | b);
        jump(bpf, JEQ_K, CLONE, 0, 3);
        statement(bpf, LD_W_ABS, OFFSET_ARG0_LOW);
        jump(bpf, JSET_K, anyNamespaceFlag, 0, 1);
        statement(bpf, RET_K, RET_ERRNO | EPERM);
        statement(bpf, RET_K, RET_ALLOW);
        if (bpf.hasRemaining()) {
            throw new IllegalStateException("seccomp program size miscounted");
        }
        return bpf.array();
    }

    /**
     * The same filter as an OCI runtime spec {@code linux.seccomp} object, for runc (which compiles
     * it with libseccomp). Only the native x86_64 architecture is listed, so libseccomp kills other
     * architectures' and x32 calls, as the BPF form does. libseccomp cannot test "some of these
     * bits are set" in one rule; one rule per namespace flag, which it ORs, says the same.
     */
    static JsonObject oci() {
        Map<Integer, JsonArrayBuilder> namesByErrno = new TreeMap<>(Comparator.reverseOrder());
        for (Denial denial : DENIALS) {
            namesByErrno
                    .computeIfAbsent(denial.errno(), errno -> Json.createArrayBuilder())
                    .add(denial.name());
        }
        JsonArrayBuilder syscalls = Json.createArrayBuilder();
        namesByErrno.forEach((errno, names) -> syscalls.add(Json.createObjectBuilder()
                .add("names", names)
                .add("action", "SCMP_ACT_ERRNO")
                .add("errnoRet", errno)));
        for (int flag : CLONE_NAMESPACE_FLAGS) {
            syscalls.add(Json.createObjectBuilder()
                    .add("names", Json.createArrayBuilder().add("clone"))
                    .add("action", "SCMP_ACT_ERRNO")
                    .add("errnoRet", EPERM)
                    .add(
                            "args",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("index", 0)
                                            .add("value", flag)
                                            .add("valueTwo", flag)
                                            .add("op", "SCMP_CMP_MASKED_EQ"))));
        }
        return Json.createObjectBuilder()
                .add("defaultAction", "SCMP_ACT_ALLOW")
                .add("architectures", Json.createArrayBuilder().add("SCMP_ARCH_X86_64"))
                .add("syscalls", syscalls)
                .build();
    }

    private static void deny(ByteBuffer bpf, int nr, int errno) {
        jump(bpf, JEQ_K, nr, 0, 1);
        statement(bpf, RET_K, RET_ERRNO | errno);
    }

    private static void statement(ByteBuffer bpf, short code, int k) {
        jump(bpf, code, k, 0, 0);
    }

    private static void jump(ByteBuffer bpf, short code, int k, int jumpIfTrue, int jumpIfFalse) {
        bpf.putShort(code).put((byte) jumpIfTrue).put((byte) jumpIfFalse).putInt(k);
    }
}
