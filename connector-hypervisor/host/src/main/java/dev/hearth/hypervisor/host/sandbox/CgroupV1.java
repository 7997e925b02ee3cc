package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One cgroup in the memory, pids, cpu and freezer hierarchies of cgroup v1 (as on this project's
 * hosts, hybrid layout), addressed by the same relative path in each. Killing walks its sub-tree;
 * the counters tell whether the kernel OOM-killed a process or refused a fork; the freezer stops
 * its processes between invocations. runc also creates the path in the other hierarchies
 * (devices, cpuset, the unified one...): removing it removes it from every hierarchy.
 */
final class CgroupV1 {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /**
     * The CFS period the CPU quota is a share of. Short: a container at its quota runs on every
     * core for a part of each period and then waits out the rest, and other tenants' requests queue
     * behind such bursts; at 100 ms they lasted up to 50 ms on 2 cores (docs/performance.md, "A
     * flood from another tenant").
     */
    static final long CPU_PERIOD_MICROS = 10_000;

    /** The kernel's default {@code cpu.shares}. */
    static final int DEFAULT_CPU_SHARES = 1024;

    /** The child, in the cpu hierarchy alone, that holds the agent's threads serving this cgroup. */
    private static final String AGENT_THREADS = "agent";

    /** The agent's own cgroup in the cpu hierarchy, where its threads go back to. */
    private static final Path AGENTS_OWN_CPU = ROOT.resolve("cpu").resolve(ownCpuCgroup());

    private static final System.Logger LOG = System.getLogger(CgroupV1.class.getName());

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** More than the counters files this class reads hold (memory.oom_control is under 100 bytes). */
    private static final int SMALL_FILE_BYTES = 4096;

    /**
     * A container's limits: memory (swap included, so no swapping around it), processes, and CPU
     * time per period in percent of one core.
     */
    record Limits(long memoryBytes, int maxProcesses, int cpuPercent) {
        long cpuQuotaMicros() {
            return CPU_PERIOD_MICROS * cpuPercent / 100;
        }
    }

    private final String relativePath;
    private final Path memory;
    private final Path pids;
    private final Path cpu;
    private final Path freezer;

    private CgroupV1(String relativePath) {
        this.relativePath = relativePath;
        this.memory = ROOT.resolve("memory").resolve(relativePath);
        this.pids = ROOT.resolve("pids").resolve(relativePath);
        this.cpu = ROOT.resolve("cpu").resolve(relativePath);
        this.freezer = ROOT.resolve("freezer").resolve(relativePath);
    }

    /** Fails with one line when the host lacks the v1 memory, pids, cpu or freezer hierarchy. */
    static void requireHierarchies() throws DriverException {
        for (String controller : List.of("memory", "pids", "cpu", "freezer")) {
            if (!Files.isRegularFile(ROOT.resolve(controller).resolve("cgroup.procs"))) {
                throw new DriverException("the sandbox driver needs the cgroup v1 " + controller + " hierarchy at "
                        + ROOT.resolve(controller) + " (cgroup v2 alone is not supported yet)");
            }
        }
    }

    /** The cgroup at {@code relativePath}, which may or may not exist. */
    static CgroupV1 at(String relativePath) {
        return new CgroupV1(relativePath);
    }

    CgroupV1 child(String name) {
        return new CgroupV1(relativePath + "/" + name);
    }

    /** Its path below each hierarchy's root, e.g. {@code hearth/<instance>/c1}. */
    String relativePath() {
        return relativePath;
    }

    CgroupV1 create() throws DriverException {
        try {
            Files.createDirectories(memory);
            Files.createDirectories(pids);
            Files.createDirectories(cpu);
            Files.createDirectories(freezer);
            return this;
        } catch (IOException e) {
            throw new DriverException("cannot create cgroup " + memory + ": " + e.getMessage(), e);
        }
    }

    /** Sets the limits, on a new cgroup or again on one whose processes run (a staged stem cell). */
    void limit(Limits limits) throws DriverException {
        limitMemory(limits.memoryBytes());
        write(pids.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
        write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
        write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaMicros()));
    }

    /**
     * Limits the memory (swap included) of this cgroup and everything below it, as a whole; on an
     * instance's cgroup, the sum of its containers' limits.
     */
    void limitMemory(long memoryBytes) throws DriverException {
        Path alone = memory.resolve("memory.limit_in_bytes");
        Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
        String bytes = Long.toString(memoryBytes);
        if (Files.exists(withSwap)) {
            // The kernel keeps memory+swap at or above memory alone: raise it first, lower it last.
            boolean raising = memoryBytes > counter(alone);
            write(raising ? withSwap : alone, bytes);
            write(raising ? alone : withSwap, bytes);
        } else {
            write(alone, bytes);
        }
    }

    /** The CPU weight of this cgroup against its siblings, when the CPU is contended. */
    void cpuShares(int shares) throws DriverException {
        write(cpu.resolve("cpu.shares"), Integer.toString(shares));
    }

    /**
     * Places the agent's threads that serve this cgroup's containers (their Runtime APIs and egress
     * proxies) in a child of it, in the cpu hierarchy alone: the CPU a container makes them spend is
     * weighed with this cgroup's, against other tenants, instead of with the agent's. The child has
     * no quota: a thread throttled in the middle of Java code would hold up every safepoint of the
     * agent's JVM until its quota came back. Never the memory or pids hierarchy, where {@link
     * #killAll} would find the agent. A thread that cannot be moved stays in the agent's cgroup (one
     * warning).
     */
    ThreadPlacement agentThreads() throws DriverException {
        Path dir = cpu.resolve(AGENT_THREADS);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DriverException("cannot create cgroup " + dir + ": " + e.getMessage(), e);
        }
        Path tasks = dir.resolve("tasks");
        AtomicBoolean warned = new AtomicBoolean();
        return () -> {
            try {
                Files.writeString(tasks, currentThreadId());
            } catch (IOException e) {
                if (!warned.getAndSet(true)) {
                    LOG.log(System.Logger.Level.WARNING, "cannot move the agent''s threads to {0}: {1}", tasks, e);
                }
            }
        };
    }

    /** The kernel's id of the calling thread: {@code /proc/thread-self} links to {@code <pid>/task/<tid>}. */
    private static String currentThreadId() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self"))
                .getFileName()
                .toString();
    }

    private static String ownCpuCgroup() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] fields = line.split(":", 3); // id:controllers:path
                if (fields.length == 3 && List.of(fields[1].split(",")).contains("cpu")) {
                    return fields[2].substring(1);
                }
            }
        } catch (IOException e) {
            // Not Linux, or no /proc: the root, as good as any for a host without the hierarchy.
        }
        return "";
    }

    /** The files a process writes its pid to, to join this cgroup. */
    List<Path> procsFiles() {
        return List.of(
                memory.resolve("cgroup.procs"),
                pids.resolve("cgroup.procs"),
                cpu.resolve("cgroup.procs"),
                freezer.resolve("cgroup.procs"));
    }

    /**
     * Stops every process of this cgroup and below where it is, until {@link #thaw}. The kernel
     * finishes freezing on its own (the state reads {@code FREEZING} until each task stopped);
     * nobody waits for it. The agent's threads are never in this hierarchy.
     */
    void freeze() throws DriverException {
        write(freezer.resolve("freezer.state"), "FROZEN");
    }

    /**
     * Keeps this cgroup, in the freezer hierarchy alone and with no process ever in it, frozen
     * until {@link #releaseFreezer}. The kernel turns its freezer on (a static key, patched into its
     * code on every CPU) when the first cgroup starts freezing and off when the last one thaws:
     * that made each freeze and thaw of a container take ~2.3 ms on this project's 2-core host.
     * With this one frozen throughout, a thaw takes ~0.1 ms.
     */
    void holdFreezerOn() throws DriverException {
        try {
            Files.createDirectories(freezer);
        } catch (IOException e) {
            throw new DriverException("cannot create cgroup " + freezer + ": " + e.getMessage(), e);
        }
        freeze();
    }

    /** Undoes {@link #holdFreezerOn}. */
    void releaseFreezer() {
        try {
            thaw();
        } catch (DriverException e) {
            // Removing it below thaws it as well.
        }
        removeDir(freezer);
    }

    /** Lets the processes run again; fine on a cgroup that is not frozen. */
    void thaw() throws DriverException {
        write(freezer.resolve("freezer.state"), "THAWED");
    }

    /** Whether the cgroup still exists (nobody removed it behind the agent's back). */
    boolean exists() {
        return Files.isDirectory(memory);
    }

    /** How many processes the kernel's OOM killer killed in this cgroup. */
    long oomKills() {
        return counter(memory.resolve("memory.oom_control"), "oom_kill");
    }

    /** How many forks the pids limit refused in this cgroup. */
    long forksRefused() {
        return counter(pids.resolve("pids.events"), "max");
    }

    /**
     * Kills every process in this cgroup and below, until none is left (or 2 s passed). Thaws the
     * tree first: a frozen task of cgroup v1 does not act on SIGKILL until it is thawed.
     */
    void killAll() {
        thawTree();
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<Long> alive;
        while (!(alive = processes()).isEmpty() && System.nanoTime() < deadline) {
            alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Kills what is left and removes this cgroup and its children from every hierarchy; a missing
     * cgroup is fine.
     */
    void destroy() {
        killAll();
        returnAgentThreads();
        for (Path dir : everyHierarchy()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                List<Path> cgroups = tree.filter(Files::isDirectory)
                        .sorted(Comparator.reverseOrder())
                        .toList();
                for (Path cgroup : cgroups) {
                    removeDir(cgroup);
                }
            } catch (IOException | UncheckedIOException e) {
                // Already gone.
            }
        }
    }

    private void thawTree() {
        if (!Files.isDirectory(freezer)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(freezer)) {
            for (Path state : tree.filter(p -> p.getFileName().toString().equals("freezer.state"))
                    .toList()) {
                Files.writeString(state, "THAWED");
            }
        } catch (IOException | UncheckedIOException e) {
            // Gone meanwhile: nothing left to thaw.
        }
    }

    /** Moves the agent's threads still in this cgroup's tree (closed, not yet ended) back to its own. */
    private void returnAgentThreads() {
        if (!Files.isDirectory(cpu)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(cpu)) {
            for (Path tasks :
                    tree.filter(p -> p.getFileName().toString().equals("tasks")).toList()) {
                for (String tid : Files.readAllLines(tasks)) {
                    if (!tid.isBlank() && Files.exists(Path.of("/proc/self/task", tid.trim()))) {
                        Files.writeString(AGENTS_OWN_CPU.resolve("tasks"), tid.trim());
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Gone meanwhile, or ended: removing the cgroup below tells whether any thread stayed.
        }
    }

    private List<Path> everyHierarchy() {
        try (Stream<Path> hierarchies = Files.list(ROOT)) {
            return hierarchies
                    .filter(h -> !Files.isSymbolicLink(h))
                    .map(h -> h.resolve(relativePath))
                    .toList();
        } catch (IOException e) {
            return List.of(memory, pids, cpu, freezer);
        }
    }

    private static void removeDir(Path cgroup) {
        // rmdir fails with EBUSY while the last killed processes are still being reaped.
        for (int attempt = 0; attempt < 100 && Files.exists(cgroup); attempt++) {
            try {
                Files.delete(cgroup);
            } catch (IOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private List<Long> processes() {
        List<Long> found = new ArrayList<>();
        for (Path dir : List.of(memory, pids)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
                        .toList()) {
                    Files.readAllLines(procs).stream()
                            .filter(line -> !line.isBlank())
                            .map(line -> Long.parseLong(line.trim()))
                            .forEach(found::add);
                }
            } catch (IOException | UncheckedIOException e) {
                // The cgroup vanished while we walked it: nothing to kill there.
            }
        }
        return found;
    }

    private static long counter(Path file) {
        try {
            return Long.parseLong(readSmall(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static long counter(Path file, String name) {
        try {
            for (String line : readSmall(file).split("\n")) {
                String[] parts = WHITESPACE.split(line.trim());
                if (parts.length == 2 && parts[0].equals(name)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException e) {
            // A removed cgroup counts nothing.
        }
        return 0;
    }

    /**
     * A counters file of a few lines, in one read (open, read, close: two invocation counters are
     * read before every invocation): the kernel makes such a file's text whole on the first read.
     */
    private static String readSmall(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer text = ByteBuffer.allocate(SMALL_FILE_BYTES);
            channel.read(text);
            return new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII);
        }
    }

    private static void write(Path file, String value) throws DriverException {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new DriverException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return memory.toString();
    }
}
