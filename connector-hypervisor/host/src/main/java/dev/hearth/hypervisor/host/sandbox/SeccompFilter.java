package dev.hearth.hypervisor.host.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The seccomp filter of every container, as a classic BPF program in the binary form that {@code
 * bwrap --seccomp FD} reads (an array of {@code struct sock_filter}, host byte order). Built here
 * so that no compiler or libseccomp is needed on the host. x86_64 only: any other system-call
 * architecture (i386 through {@code int 0x80}, x32) kills the process.
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
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int CLONE = 56;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET. */
    private static final int CLONE_NAMESPACE_FLAGS =
            0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    /** x86_64 numbers of the denied calls, by name (asm/unistd_64.h). */
    static final List<Integer> DENIED_EPERM = List.of(
            101, // ptrace
            103, // syslog
            134, // uselib
            153, // vhangup
            155, // pivot_root
            156, // _sysctl
            159, // adjtimex
            161, // chroot
            163, // acct
            164, // settimeofday
            165, // mount
            166, // umount2
            167, // swapon
            168, // swapoff
            169, // reboot
            170, // sethostname
            171, // setdomainname
            172, // iopl
            173, // ioperm
            174, // create_module
            175, // init_module
            176, // delete_module
            177, // get_kernel_syms
            178, // query_module
            179, // quotactl
            180, // nfsservctl
            212, // lookup_dcookie
            227, // clock_settime
            246, // kexec_load
            248, // add_key
            249, // request_key
            250, // keyctl
            272, // unshare
            298, // perf_event_open
            300, // fanotify_init
            303, // name_to_handle_at
            304, // open_by_handle_at
            305, // clock_adjtime
            308, // setns
            310, // process_vm_readv
            311, // process_vm_writev
            312, // kcmp
            313, // finit_module
            320, // kexec_file_load
            321, // bpf
            323, // userfaultfd
            428, // open_tree
            429, // move_mount
            430, // fsopen
            431, // fsconfig
            432, // fsmount
            433, // fspick
            442); // mount_setattr

    /** clone3 and io_uring_setup/enter/register: absent, as far as the program can tell. */
    static final List<Integer> DENIED_ENOSYS = List.of(435, 425, 426, 427);

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7fff0000;

    private SeccompFilter() {}

    /** The program's bytes. */
    static byte[] program() {
        int instructions = 6 + 2 * (DENIED_EPERM.size() + DENIED_ENOSYS.size()) + 5;
        ByteBuffer bpf = ByteBuffer.allocate(instructions * 8).order(ByteOrder.nativeOrder());
        statement(bpf, LD_W_ABS, OFFSET_ARCH);
        jump(bpf, JEQ_K, AUDIT_ARCH_X86_64, 1, 0);
        statement(bpf, RET_K, RET_KILL_PROCESS);
        statement(bpf, LD_W_ABS, OFFSET_NR);
        jump(bpf, JGE_K, X32_SYSCALL_BIT, 0, 1);
        statement(bpf, RET_K, RET_KILL_PROCESS);
        for (int nr : DENIED_ENOSYS) {
            deny(bpf, nr, ENOSYS);
        }
        for (int nr : DENIED_EPERM) {
            deny(bpf, nr, EPERM);
        }
        // clone with a namespace flag: load the low half of its first argument (flags).
        jump(bpf, JEQ_K, CLONE, 0, 3);
        statement(bpf, LD_W_ABS, OFFSET_ARG0_LOW);
        jump(bpf, JSET_K, CLONE_NAMESPACE_FLAGS, 0, 1);
        statement(bpf, RET_K, RET_ERRNO | EPERM);
        statement(bpf, RET_K, RET_ALLOW);
        if (bpf.hasRemaining()) {
            throw new IllegalStateException("seccomp program size miscounted");
        }
        return bpf.array();
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
