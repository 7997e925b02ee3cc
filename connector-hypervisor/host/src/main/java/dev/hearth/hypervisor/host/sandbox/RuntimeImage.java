package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The read-only {@code /usr} of every container, and the files of {@code /etc} programs read:
 * only what the runtimes need, taken from the host. That is the programs the runtimes and the
 * container's init run (python3, node, java, bash as {@code sh}, curl, socat, and the few tools
 * AWS's bash runtime uses), the language trees whole (Python's standard library with its {@code
 * __pycache__}, the JDK in use with its class-data archive, node's library folder), the CA
 * certificates, time zones and the C.UTF-8 locale, every shared library those need, as {@code
 * ldd} lists them with glibc's character set converters and OpenSSL's providers, and of {@code /etc} the loader's cache, the alternatives' links, the time
 * zone, OpenSSL's configuration with the certificates and the JDK's configuration. Built once
 * under the agent's state folder ({@code image/usr}, {@code image/etc}) as hard links (copies
 * across file systems), in the merged-/usr layout whatever the host's; rebuilt only when a source
 * file's size or modification time changes (a package upgrade).
 */
public final class RuntimeImage {

    private static final System.Logger LOG = System.getLogger("dev.hearth.hypervisor.host.sandbox");

    /** The runtimes' programs, then what AWS's bash runtime and the container's init call. */
    static final List<String> COMMANDS = List.of(
            "python3",
            "node",
            "java",
            "bash",
            "curl",
            "socat",
            "awk",
            "base64",
            "basename",
            "cat",
            "chmod",
            "cp",
            "cut",
            "date",
            "dirname",
            "env",
            "expr",
            "false",
            "find",
            "grep",
            "gzip",
            "head",
            "id",
            "ln",
            "ls",
            "mkdir",
            "mktemp",
            "mv",
            "printf",
            "readlink",
            "realpath",
            "rm",
            "sed",
            "seq",
            "sha256sum",
            "sleep",
            "sort",
            "stat",
            "tail",
            "tar",
            "tee",
            "test",
            "timeout",
            "touch",
            "tr",
            "true",
            "uname",
            "uniq",
            "wc",
            "xargs");

    /** Data the runtimes read: CA certificates, time zones, OpenSSL's folder, the C.UTF-8 locale, node's modules. */
    private static final List<String> SHARED_TREES = List.of(
            "/usr/share/ca-certificates",
            "/usr/share/zoneinfo",
            "/usr/lib/ssl",
            "/usr/lib/locale/C.utf8",
            "/usr/lib/node_modules",
            "/usr/share/nodejs");

    /**
     * Beside libc, whether or not the runtimes link them: the rest of glibc (which also loads
     * libgcc_s itself to unwind a cancelled thread) and the libraries that native code a function
     * brings may assume, as the manylinux policy for Python wheels lists them.
     */
    private static final List<String> BASE_LIBRARIES = List.of(
            "libanl.so.1",
            "libcrypt.so.1",
            "libdl.so.2",
            "libgcc_s.so.1",
            "libm.so.6",
            "libmvec.so.1",
            "libnsl.so.1",
            "libnss_dns.so.2",
            "libnss_files.so.2",
            "libpthread.so.0",
            "libresolv.so.2",
            "librt.so.1",
            "libstdc++.so.6",
            "libutil.so.1",
            "libz.so.1");

    /**
     * What programs read of {@code /etc}: the loader's cache, the alternatives (links into /usr),
     * the time zone, OpenSSL's configuration and certificates (links into /usr), and each JDK's
     * configuration folder, to which Debian links the JDK's {@code conf}.
     */
    private static final List<String> ETC_FILES = List.of(
            "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl/certs", "/etc/ssl/openssl.cnf");

    /**
     * Loaded by name at run time, so ldd does not list them: glibc's character set converters
     * ({@code iconv}) and OpenSSL's providers (the legacy algorithms), both beside libc.
     */
    private static final List<String> LIBC_SIBLING_TREES = List.of("gconv", "ossl-modules");

    /** Where programs are looked for, /usr first: the image keeps the merged-/usr paths. */
    private static final List<String> SEARCH_PATH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    /** The top-level folders that merged-/usr systems make links into /usr. */
    static final List<String> MERGED_TOP_LEVEL = List.of("bin", "lib", "lib32", "lib64", "sbin");

    private RuntimeImage() {}

    /**
     * The image's {@code usr} folder under {@code stateDir/image} (its {@code etc} folder beside
     * it), built or reused: its manifest (written last) holds the key of the sources it was built
     * from and the libraries ldd found. Every driver gives it to its instances as their {@code
     * /usr}: the sandbox's containers and the qemu driver's guests. Fails, naming it, when a
     * program the image needs is missing.
     */
    public static Path prepare(Path stateDir) throws IOException, DriverException {
        long start = System.nanoTime();
        Path dir = Files.createDirectories(stateDir.resolve("image"));
        Path usr = dir.resolve("usr");
        Path manifest = dir.resolve("manifest");
        SortedSet<Path> roots = roots();
        if (Files.exists(manifest)) {
            List<String> lines = Files.readAllLines(manifest, UTF_8);
            SortedSet<Path> sources = new TreeSet<>(roots);
            lines.stream().skip(1).map(Path::of).forEach(sources::add);
            if (!lines.isEmpty() && lines.get(0).equals(key(sources))) {
                LOG.log(Level.INFO, "runtime image " + usr + " reused in " + millisSince(start) + " ms");
                return usr;
            }
        }
        Files.deleteIfExists(manifest);
        SandboxDriver.deleteTree(usr);
        SandboxDriver.deleteTree(dir.resolve("etc"));
        SortedSet<Path> libraries = libraries(roots);
        SortedSet<Path> sources = new TreeSet<>(roots);
        sources.addAll(libraries);
        Files.createDirectories(usr);
        for (Path source : sources) {
            place(source, dir);
        }
        // /bin/sh is bash, as on Amazon Linux: AWS's bash runtimes use bash features under #!/bin/sh.
        Path sh = usr.resolve("bin/sh");
        Files.deleteIfExists(sh);
        Files.createSymbolicLink(sh, Path.of("bash"));
        List<String> lines = new ArrayList<>(List.of(key(sources)));
        libraries.forEach(path -> lines.add(path.toString()));
        Files.write(manifest, lines, UTF_8);
        LOG.log(
                Level.INFO,
                "runtime image " + usr + " built from " + sources.size() + " files in " + millisSince(start) + " ms");
        return usr;
    }

    /** The commands, each with the links that lead to it, and the language and data trees. */
    private static SortedSet<Path> roots() throws IOException, DriverException {
        SortedSet<Path> roots = new TreeSet<>();
        for (String command : COMMANDS) {
            Optional<Path> found = SEARCH_PATH.stream()
                    .map(folder -> Path.of(folder, command))
                    .filter(Files::isExecutable)
                    .findFirst();
            if (found.isEmpty()) {
                continue;
            }
            Path program = found.get().toRealPath();
            follow(found.get(), roots);
            String name = program.getFileName().toString();
            if (name.startsWith("python3")) {
                addTree(Path.of("/usr/lib", name), roots);
            } else if (command.equals("java")) {
                addTree(program.getParent().getParent(), roots); // the JDK's home: bin/java's grandparent
            }
        }
        for (String command : List.of("python3", "bash", "socat")) {
            if (roots.stream().noneMatch(path -> path.getFileName().toString().equals(command))) {
                throw new DriverException("the runtime image needs '" + command + "', which is not installed");
            }
        }
        for (String tree : SHARED_TREES) {
            addTree(Path.of(tree), roots);
        }
        List<String> etc = new ArrayList<>(ETC_FILES);
        try (Stream<Path> folders = Files.list(Path.of("/etc"))) {
            folders.map(path -> path.toString())
                    .filter(path -> path.matches("/etc/java-[0-9]+-openjdk"))
                    .forEach(etc::add);
        }
        for (String file : etc) {
            Path path = Path.of(file);
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                addTree(path, roots);
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                follow(path, roots);
            }
        }
        return roots;
    }

    /** {@code path} in its real folder, and, if it is a symbolic link, what it leads to, in turn. */
    private static void follow(Path path, Set<Path> into) throws IOException {
        Path real = path.getParent().toRealPath().resolve(path.getFileName());
        if (into.add(real) && Files.isSymbolicLink(real)) {
            Path target = real.getParent().resolve(Files.readSymbolicLink(real)).normalize();
            if (Files.exists(target)) {
                follow(target, into);
            }
        }
    }

    /** Every file, folder and link of the tree, links kept as links. */
    private static void addTree(Path tree, Set<Path> into) throws IOException {
        if (!Files.isDirectory(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree.toRealPath())) {
            walk.forEach(into::add);
        }
    }

    /** The shared libraries that the ELF files among {@code roots} load, as ldd resolves them. */
    private static SortedSet<Path> libraries(SortedSet<Path> roots) throws IOException, DriverException {
        List<String> elves = new ArrayList<>();
        for (Path path : roots) {
            if (isElf(path)) {
                elves.add(path.toString());
            }
        }
        SortedSet<Path> libraries = new TreeSet<>();
        for (int from = 0; from < elves.size(); from += 200) {
            List<String> command = new ArrayList<>(List.of("ldd"));
            command.addAll(elves.subList(from, Math.min(elves.size(), from + 200)));
            for (String line : ldd(command)) {
                String text = line.strip();
                if (text.endsWith(":")) {
                    continue; // the header of one file's list
                }
                int arrow = text.indexOf("=> ");
                String library = arrow >= 0 ? text.substring(arrow + 3) : text;
                if (library.startsWith("/")) {
                    Path found = Path.of(library.replaceFirst(" \\(0x[0-9a-f]+\\)$", ""));
                    follow(found, libraries);
                    if (found.getFileName().toString().equals("libc.so.6")) {
                        for (String name : BASE_LIBRARIES) {
                            Path base = found.resolveSibling(name);
                            if (Files.exists(base)) {
                                follow(base, libraries);
                            }
                        }
                        for (String tree : LIBC_SIBLING_TREES) {
                            addTree(found.resolveSibling(tree), libraries);
                        }
                    }
                }
            }
        }
        libraries.removeAll(roots);
        return libraries;
    }

    private static boolean isElf(Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String name = path.getFileName().toString();
        if (!Files.isExecutable(path) && !name.endsWith(".so") && !name.contains(".so.")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    /** ldd's lines; it fails on files that are not dynamic executables, which is no error here. */
    private static List<String> ldd(List<String> command) throws IOException, DriverException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DriverException("ldd did not finish listing the runtimes' libraries");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while listing the runtimes' libraries", e);
        }
        return out.lines().toList();
    }

    /**
     * Where {@code source} goes in the image, if it belongs there: /usr/x and /etc/x where they
     * are, /lib/x as usr/lib/x.
     */
    static Optional<Path> imagePath(Path source) {
        if (source.getNameCount() < 2) {
            return Optional.empty();
        }
        String top = source.getName(0).toString();
        if (top.equals("usr") || top.equals("etc")) {
            return Optional.of(source.subpath(0, source.getNameCount()));
        }
        if (MERGED_TOP_LEVEL.contains(top)) {
            return Optional.of(Path.of("usr").resolve(source.subpath(0, source.getNameCount())));
        }
        return Optional.empty();
    }

    /** A link as a link, a folder as a folder, a file as a hard link to it (a copy across file systems). */
    private static void place(Path source, Path image) throws IOException {
        Optional<Path> relative = imagePath(source);
        if (relative.isEmpty()) {
            return;
        }
        Path target = image.resolve(relative.get().toString());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(target.getParent());
        if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source)) {
            Files.createDirectories(target);
        } else {
            try {
                Files.createLink(target, source);
            } catch (FileSystemException e) {
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** What the image is built from: each source's path, size and modification time, hashed. */
    private static String key(SortedSet<Path> sources) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path source : sources) {
                String line = source.toString();
                if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    BasicFileAttributes attributes =
                            Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    line += " " + attributes.size() + " "
                            + attributes.lastModifiedTime().toMillis();
                }
                digest.update((line + "\n").getBytes(UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
