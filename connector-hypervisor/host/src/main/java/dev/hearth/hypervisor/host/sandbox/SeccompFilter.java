package dev.hearth.hypervisor.host.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The seccomp filter of every container, from one rule table in two forms: a classic BPF program
 * in the binary form that {@code bwrap --seccomp FD} reads and the qemu guest installs (an array
 * of {@code struct sock_filter}, host byte order), built here so that no compiler or libseccomp
 * is needed on the host, and the OCI runtime spec's {@code linux.seccomp} JSON that runc reads.
 * x86_64 only: any other system-call architecture (i386 through {@code int 0x80}, x32) kills the
 * process.
 *
 * <p>An allow-list: a call not named in {@link #ALLOWED} answers EPERM. The list is what Python,
 * Node.js, bash, socat and the runtimes use (file, memory, process, signal, time and socket calls),
 * learned from Docker's default profile and gVisor's host system-call list, without what reaches
 * other processes (ptrace, process_vm_*, pidfd_getfd, process_madvise, kcmp, get_robust_list),
 * the kernel or host (mount and the new mount API, modules, kexec, bpf, perf_event_open,
 * keyrings, swap, reboot, clocks, quotas, fanotify, NUMA policies), the namespaces (unshare,
 * setns), and what has a history of privilege escalation (userfaultfd, modify_ldt and the TLS
 * descriptors, open_by_handle_at, vmsplice, the asynchronous I/O calls). Some allowed calls are
 * allowed only with some arguments ({@link #CONDITIONAL}): {@code socket} for Unix, IPv4 and IPv6
 * and the route family of netlink (no vsock, packet or other families), {@code socketpair} for
 * Unix, {@code clone} without namespace flags, {@code personality} only to read or to set the
 * default persona. {@code clone3} and io_uring answer ENOSYS, so that glibc and libuv fall back to
 * {@code clone} and plain system calls; so does every call numbered above those this table knows
 * ({@link #FIRST_UNKNOWN}), as from an older kernel, so that a newer libc falls back too.
 */
public final class SeccompFilter {

    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARGS = 16;
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    /** Calls numbered from here on are newer than this table: ENOSYS, as an older kernel answers. */
    static final int FIRST_UNKNOWN = 463;

    /** One system call: its name as libseccomp knows it (OCI form) and its x86_64 number (BPF form). */
    record Call(String name, int number) {}

    /**
     * One test of an argument: its low 32 bits, masked with {@code mask}, equal {@code value}
     * (every argument tested here is an int or flags in the low half).
     */
    record Check(int index, int mask, int value) {
        static Check equal(int index, int value) {
            return new Check(index, 0xffffffff, value);
        }
    }

    /** A call allowed when all checks of any one of its alternatives hold. */
    record Conditional(Call call, List<List<Check>> alternatives) {}

    /** Calls allowed whatever their arguments (asm/unistd_64.h numbers). */
    static final List<Call> ALLOWED =
            calls("read 0 write 1 open 2 close 3 stat 4 fstat 5 lstat 6 poll 7 lseek 8 mmap 9 mprotect 10 munmap 11 "
                    + "brk 12 rt_sigaction 13 rt_sigprocmask 14 rt_sigreturn 15 ioctl 16 pread64 17 pwrite64 18 "
                    + "readv 19 writev 20 access 21 pipe 22 select 23 sched_yield 24 mremap 25 msync 26 "
                    + "mincore 27 madvise 28 shmget 29 shmat 30 shmctl 31 dup 32 dup2 33 pause 34 nanosleep 35 "
                    + "getitimer 36 alarm 37 setitimer 38 getpid 39 sendfile 40 connect 42 accept 43 sendto 44 "
                    + "recvfrom 45 sendmsg 46 recvmsg 47 shutdown 48 bind 49 listen 50 getsockname 51 "
                    + "getpeername 52 setsockopt 54 getsockopt 55 fork 57 vfork 58 execve 59 exit 60 wait4 61 "
                    + "kill 62 uname 63 semget 64 semop 65 semctl 66 shmdt 67 msgget 68 msgsnd 69 msgrcv 70 "
                    + "msgctl 71 fcntl 72 flock 73 fsync 74 fdatasync 75 truncate 76 ftruncate 77 getdents 78 "
                    + "getcwd 79 chdir 80 fchdir 81 rename 82 mkdir 83 rmdir 84 creat 85 link 86 unlink 87 "
                    + "symlink 88 readlink 89 chmod 90 fchmod 91 chown 92 fchown 93 lchown 94 umask 95 "
                    + "gettimeofday 96 getrlimit 97 getrusage 98 sysinfo 99 times 100 getuid 102 getgid 104 "
                    + "setuid 105 setgid 106 geteuid 107 getegid 108 setpgid 109 getppid 110 getpgrp 111 "
                    + "setsid 112 setreuid 113 setregid 114 getgroups 115 setgroups 116 setresuid 117 "
                    + "getresuid 118 setresgid 119 getresgid 120 getpgid 121 setfsuid 122 setfsgid 123 "
                    + "getsid 124 capget 125 capset 126 rt_sigpending 127 rt_sigtimedwait 128 "
                    + "rt_sigqueueinfo 129 rt_sigsuspend 130 sigaltstack 131 utime 132 mknod 133 statfs 137 "
                    + "fstatfs 138 getpriority 140 setpriority 141 sched_setparam 142 sched_getparam 143 "
                    + "sched_setscheduler 144 sched_getscheduler 145 sched_get_priority_max 146 "
                    + "sched_get_priority_min 147 sched_rr_get_interval 148 mlock 149 munlock 150 "
                    + "mlockall 151 munlockall 152 prctl 157 arch_prctl 158 setrlimit 160 sync 162 gettid 186 "
                    + "readahead 187 setxattr 188 lsetxattr 189 fsetxattr 190 getxattr 191 lgetxattr 192 "
                    + "fgetxattr 193 listxattr 194 llistxattr 195 flistxattr 196 removexattr 197 "
                    + "lremovexattr 198 fremovexattr 199 tkill 200 time 201 futex 202 sched_setaffinity 203 "
                    + "sched_getaffinity 204 epoll_create 213 getdents64 217 set_tid_address 218 "
                    + "restart_syscall 219 semtimedop 220 fadvise64 221 timer_create 222 timer_settime 223 "
                    + "timer_gettime 224 timer_getoverrun 225 timer_delete 226 clock_gettime 228 "
                    + "clock_getres 229 clock_nanosleep 230 exit_group 231 epoll_wait 232 epoll_ctl 233 "
                    + "tgkill 234 utimes 235 mq_open 240 mq_unlink 241 mq_timedsend 242 mq_timedreceive 243 "
                    + "mq_notify 244 mq_getsetattr 245 waitid 247 ioprio_set 251 ioprio_get 252 "
                    + "inotify_init 253 inotify_add_watch 254 inotify_rm_watch 255 openat 257 mkdirat 258 "
                    + "mknodat 259 fchownat 260 futimesat 261 newfstatat 262 unlinkat 263 renameat 264 "
                    + "linkat 265 symlinkat 266 readlinkat 267 fchmodat 268 faccessat 269 pselect6 270 "
                    + "ppoll 271 set_robust_list 273 splice 275 tee 276 sync_file_range 277 utimensat 280 "
                    + "epoll_pwait 281 signalfd 282 timerfd_create 283 eventfd 284 fallocate 285 "
                    + "timerfd_settime 286 timerfd_gettime 287 accept4 288 signalfd4 289 eventfd2 290 "
                    + "epoll_create1 291 dup3 292 pipe2 293 inotify_init1 294 preadv 295 pwritev 296 "
                    + "rt_tgsigqueueinfo 297 recvmmsg 299 prlimit64 302 syncfs 306 sendmmsg 307 getcpu 309 "
                    + "sched_setattr 314 sched_getattr 315 renameat2 316 seccomp 317 getrandom 318 "
                    + "memfd_create 319 execveat 322 membarrier 324 mlock2 325 copy_file_range 326 preadv2 327 "
                    + "pwritev2 328 pkey_mprotect 329 pkey_alloc 330 pkey_free 331 statx 332 rseq 334 "
                    + "pidfd_send_signal 424 pidfd_open 434 close_range 436 openat2 437 faccessat2 439 "
                    + "epoll_pwait2 441 futex_waitv 449 fchmodat2 452 map_shadow_stack 453 futex_wake 454 "
                    + "futex_wait 455 futex_requeue 456 mseal 462");

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int NETLINK_ROUTE = 0;

    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
    static final int CLONE_NAMESPACE_FLAGS =
            0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    /** PER_LINUX, and 0xffffffff, which only reads the persona. */
    static final List<Integer> PERSONAS = List.of(0, 0xffffffff);

    /** Calls allowed with some arguments only; otherwise EPERM. */
    static final List<Conditional> CONDITIONAL = List.of(
            new Conditional(
                    new Call("socket", 41),
                    List.of(
                            List.of(Check.equal(0, AF_UNIX)),
                            List.of(Check.equal(0, AF_INET)),
                            List.of(Check.equal(0, AF_INET6)),
                            // glibc's getaddrinfo and getifaddrs ask the route family about addresses.
                            List.of(Check.equal(0, AF_NETLINK), Check.equal(2, NETLINK_ROUTE)))),
            new Conditional(new Call("socketpair", 53), List.of(List.of(Check.equal(0, AF_UNIX)))),
            new Conditional(new Call("clone", 56), List.of(List.of(new Check(0, CLONE_NAMESPACE_FLAGS, 0)))),
            new Conditional(
                    new Call("personality", 135),
                    PERSONAS.stream()
                            .map(persona -> List.of(Check.equal(0, persona)))
                            .toList()));

    /** Answer ENOSYS, so that glibc and libuv fall back to older calls. */
    static final List<Call> NOT_IMPLEMENTED =
            calls("io_uring_setup 425 io_uring_enter 426 io_uring_register 427 clone3 435");

    private static final short LD_W_ABS = 0x20;
    private static final short ALU_AND_K = 0x54;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short RET_K = 0x06;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7fff0000;

    private SeccompFilter() {}

    private static List<Call> calls(String table) {
        String[] words = table.trim().split("\\s+");
        Call[] calls = new Call[words.length / 2];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new Call(words[2 * i], Integer.parseInt(words[2 * i + 1]));
        }
        return List.of(calls);
    }

    /**
     * The BPF program's bytes: the architecture check, one test per call (two instructions each,
     * so that no jump is longer than a classic BPF jump may be), the conditional calls' argument
     * tests, and the default. Kernels from 5.11 on cache the answer for calls whose answer does not
     * depend on their arguments, so the length of the list costs nothing per call.
     */
    public static byte[] program() {
        Program bpf = new Program();
        bpf.statement(LD_W_ABS, OFFSET_ARCH);
        bpf.jump(JEQ_K, AUDIT_ARCH_X86_64, 1, 0);
        bpf.statement(RET_K, RET_KILL_PROCESS);
        bpf.statement(LD_W_ABS, OFFSET_NR);
        bpf.jump(JGE_K, X32_SYSCALL_BIT, 0, 1);
        bpf.statement(RET_K, RET_KILL_PROCESS);
        for (Call call : NOT_IMPLEMENTED) {
            bpf.jump(JEQ_K, call.number(), 0, 1);
            bpf.statement(RET_K, RET_ERRNO | ENOSYS);
        }
        for (Call call : ALLOWED) {
            bpf.jump(JEQ_K, call.number(), 0, 1);
            bpf.statement(RET_K, RET_ALLOW);
        }
        for (Conditional conditional : CONDITIONAL) {
            // Skipped whole unless it is this call, so the accumulator still holds the number after it.
            bpf.jump(JEQ_K, conditional.call().number(), 0, length(conditional));
            for (List<Check> alternative : conditional.alternatives()) {
                int remaining = length(alternative);
                for (Check check : alternative) {
                    bpf.statement(LD_W_ABS, OFFSET_ARGS + 8 * check.index());
                    remaining--;
                    if (check.mask() != 0xffffffff) {
                        bpf.statement(ALU_AND_K, check.mask());
                        remaining--;
                    }
                    remaining--;
                    bpf.jump(JEQ_K, check.value(), 0, remaining);
                }
                bpf.statement(RET_K, RET_ALLOW);
            }
            bpf.statement(RET_K, RET_ERRNO | EPERM);
        }
        bpf.jump(JGE_K, FIRST_UNKNOWN, 0, 1);
        bpf.statement(RET_K, RET_ERRNO | ENOSYS);
        bpf.statement(RET_K, RET_ERRNO | EPERM);
        return bpf.bytes();
    }

    /** Instructions of a conditional call's tests after its first jump: its alternatives and its EPERM. */
    private static int length(Conditional conditional) {
        return conditional.alternatives().stream()
                        .mapToInt(SeccompFilter::length)
                        .sum()
                + 1;
    }

    /** An alternative's instructions: per check a load, perhaps a mask, a jump; then its RET ALLOW. */
    private static int length(List<Check> alternative) {
        return alternative.stream()
                        .mapToInt(check -> check.mask() == 0xffffffff ? 2 : 3)
                        .sum()
                + 1;
    }

    /**
     * The same filter as an OCI runtime spec {@code linux.seccomp} object, for runc (which compiles
     * it with libseccomp). Only the native x86_64 architecture is listed, so libseccomp kills other
     * architectures' and x32 calls, as the BPF form does. The default action is runc's default
     * errno, EPERM; runc itself answers ENOSYS for calls newer than all the profile names. Each
     * alternative of a conditional call is a rule of its own (libseccomp ORs rules and ANDs the
     * argument tests of one rule). libseccomp compares whole 64-bit arguments; the kernel reads
     * these as 32-bit ints, so a call with high bits set is refused here where the BPF form would
     * allow what the kernel reads the same.
     */
    static JsonObject oci() {
        JsonArrayBuilder allowed = Json.createArrayBuilder();
        ALLOWED.forEach(call -> allowed.add(call.name()));
        JsonArrayBuilder notImplemented = Json.createArrayBuilder();
        NOT_IMPLEMENTED.forEach(call -> notImplemented.add(call.name()));
        JsonArrayBuilder syscalls = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("names", allowed).add("action", "SCMP_ACT_ALLOW"))
                .add(Json.createObjectBuilder()
                        .add("names", notImplemented)
                        .add("action", "SCMP_ACT_ERRNO")
                        .add("errnoRet", ENOSYS));
        for (Conditional conditional : CONDITIONAL) {
            for (List<Check> alternative : conditional.alternatives()) {
                JsonArrayBuilder args = Json.createArrayBuilder();
                for (Check check : alternative) {
                    args.add(
                            check.mask() == 0xffffffff
                                    ? Json.createObjectBuilder()
                                            .add("index", check.index())
                                            .add("value", Integer.toUnsignedLong(check.value()))
                                            .add("op", "SCMP_CMP_EQ")
                                    : Json.createObjectBuilder()
                                            .add("index", check.index())
                                            .add("value", Integer.toUnsignedLong(check.mask()))
                                            .add("valueTwo", Integer.toUnsignedLong(check.value()))
                                            .add("op", "SCMP_CMP_MASKED_EQ"));
                }
                syscalls.add(Json.createObjectBuilder()
                        .add(
                                "names",
                                Json.createArrayBuilder().add(conditional.call().name()))
                        .add("action", "SCMP_ACT_ALLOW")
                        .add("args", args));
            }
        }
        return Json.createObjectBuilder()
                .add("defaultAction", "SCMP_ACT_ERRNO")
                .add("architectures", Json.createArrayBuilder().add("SCMP_ARCH_X86_64"))
                .add("syscalls", syscalls)
                .build();
    }

    /** Classic BPF instructions in the kernel's {@code struct sock_filter} layout. */
    private static final class Program {
        private final ByteBuffer buffer = ByteBuffer.allocate(8 * 1024).order(ByteOrder.nativeOrder());

        void statement(short code, int k) {
            jump(code, k, 0, 0);
        }

        void jump(short code, int k, int jumpIfTrue, int jumpIfFalse) {
            if (jumpIfTrue > 255 || jumpIfFalse > 255) {
                throw new IllegalStateException("a classic BPF jump reaches 255 instructions at most");
            }
            buffer.putShort(code).put((byte) jumpIfTrue).put((byte) jumpIfFalse).putInt(k);
        }

        byte[] bytes() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }
}
