package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.sandbox.SeccompFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * What a guest boots: the kernel from the guest folder that {@code guest/build-guest} prepares
 * ({@code vmlinux}, {@code busybox}, {@code modules/}), and an initramfs made from it at agent
 * start: busybox, the kernel modules for virtio-pci, virtio-serial and 9p, our init and guest
 * agent, the containers' seccomp filter (the sandbox driver's), and the few files of {@code /etc}
 * that the host's programs expect. The root's {@code /bin}, {@code /lib}... point into {@code
 * /usr}, the agent's runtime image (the host's programs the runtimes need), which the guest
 * mounts from the host.
 */
record GuestImage(Path kernel, Path initramfs) {

    /** What the guest init loads; their dependencies come with them. */
    static final List<String> MODULES = List.of("virtio_pci", "virtio_console", "9pnet_virtio", "9p");

    /** The guest user the first portion's container runs as; the next portions get the next uids. */
    static final int RUNTIME_UID = 1000;

    /** Containers (portions) per VM, each with a uid of its own; as many as a manifest may name. */
    static final int MAX_CONTAINERS = 8;

    private static final List<String> USR_LINKS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final List<String> DIRECTORIES = List.of(
            "dev",
            "proc",
            "sys",
            "usr",
            "tmp",
            "run",
            "mnt",
            "mnt/task",
            "var",
            "var/task",
            "etc",
            "hearth",
            "hearth/modules",
            "opt",
            "opt/hearth");

    /**
     * Checks the guest folder and writes {@code initramfs.cpio.gz} into {@code outputDir};
     * fails with one line saying how to prepare the folder.
     */
    static GuestImage prepare(Path guestDir, Path outputDir) throws DriverException {
        Path kernel = guestDir.resolve("vmlinux");
        Path busybox = guestDir.resolve("busybox");
        Path modules = guestDir.resolve("modules");
        if (!Files.isRegularFile(kernel) || !Files.isRegularFile(busybox) || !Files.isDirectory(modules)) {
            throw new DriverException("the qemu driver's guest folder " + guestDir
                    + " is not prepared: run connector-hypervisor/host/guest/build-guest " + guestDir);
        }
        try {
            Files.createDirectories(outputDir);
            Path initramfs = outputDir.resolve("initramfs.cpio.gz");
            Path next = outputDir.resolve("initramfs.cpio.gz.next");
            try (OutputStream file = Files.newOutputStream(next);
                    GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                    CpioWriter cpio = new CpioWriter(gzip)) {
                writeRoot(cpio, busybox, modules);
            }
            Files.move(next, initramfs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new GuestImage(kernel, initramfs);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new DriverException("cannot build the guest's initramfs from " + guestDir + ": " + e.getMessage(), e);
        }
    }

    private static void writeRoot(CpioWriter cpio, Path busybox, Path modulesDir) throws IOException {
        for (String dir : DIRECTORIES) {
            cpio.directory(dir, dir.equals("tmp") ? 01777 : 0755);
        }
        for (String link : USR_LINKS) {
            cpio.symlink(link, "usr/" + link);
        }
        cpio.file("init", 0755, resource("/qemu/init"));
        cpio.file("hearth/guest-agent.py", 0644, resource("/qemu/guest-agent.py"));
        cpio.file("hearth/seccomp.bpf", 0644, SeccompFilter.program());
        cpio.file("hearth/busybox", 0755, Files.readAllBytes(busybox));
        for (String folder : RuntimeContract.RUNTIME_SHIMS.stream()
                .map(shim -> shim.substring(0, shim.indexOf('/')))
                .distinct()
                .toList()) {
            cpio.directory("opt/hearth/" + folder, 0755);
        }
        for (String shim : RuntimeContract.RUNTIME_SHIMS) {
            cpio.file("opt/hearth/" + shim, 0644, resource("/runtimes/" + shim));
        }
        Map<String, Path> index = KernelModules.index(modulesDir);
        Map<String, byte[]> contents = new HashMap<>();
        List<String> order = KernelModules.loadOrder(MODULES, name -> {
            Path file = index.get(name);
            if (file == null) {
                return null;
            }
            byte[] bytes = contents.computeIfAbsent(name, n -> read(file));
            return KernelModules.dependencies(bytes);
        });
        for (String name : order) {
            cpio.file("hearth/modules/" + name + ".ko", 0644, contents.get(name));
        }
        cpio.file("hearth/modules.order", 0644, (String.join("\n", order) + "\n").getBytes(UTF_8));
        StringBuilder passwd = new StringBuilder("root:x:0:0:root:/root:/usr/sbin/nologin\n");
        StringBuilder group = new StringBuilder("root:x:0:\n");
        for (int uid = RUNTIME_UID; uid < RUNTIME_UID + MAX_CONTAINERS; uid++) {
            String user = "hearth" + (uid - RUNTIME_UID);
            passwd.append(user + ":x:" + uid + ":" + uid + ":" + user + ":/tmp:/usr/sbin/nologin\n");
            group.append(user + ":x:" + uid + ":\n");
        }
        cpio.file("etc/passwd", 0644, passwd.toString().getBytes(UTF_8));
        cpio.file("etc/group", 0644, group.toString().getBytes(UTF_8));
        cpio.file("etc/hosts", 0644, "127.0.0.1 localhost hearth\n::1 localhost\n".getBytes(UTF_8));
        copyHostEtc(cpio);
    }

    /**
     * The host's dynamic linker cache and {@code /etc/alternatives} links, so that the host's
     * programs in the runtime image find their libraries and alternatives as on the host (the
     * entries for files the image leaves out lead nowhere, as in a sandbox).
     */
    private static void copyHostEtc(CpioWriter cpio) throws IOException {
        Path cache = Path.of("/etc/ld.so.cache");
        if (Files.isRegularFile(cache)) {
            cpio.file("etc/ld.so.cache", 0644, Files.readAllBytes(cache));
        }
        Path alternatives = Path.of("/etc/alternatives");
        if (Files.isDirectory(alternatives)) {
            cpio.directory("etc/alternatives", 0755);
            List<Path> links = new ArrayList<>();
            try (Stream<Path> entries = Files.list(alternatives)) {
                entries.filter(Files::isSymbolicLink).sorted().forEach(links::add);
            }
            for (Path link : links) {
                cpio.symlink(
                        "etc/alternatives/" + link.getFileName(),
                        Files.readSymbolicLink(link).toString());
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GuestImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the agent's jar lacks " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
