package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.hypervisor.host.driver.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs the host's tools (mount, mkfs.ext4) and finds them. */
final class HostCommands {

    /** The tools the driver needs whatever runs its containers, each with its Debian package. */
    static final List<List<String>> REQUIRED_TOOLS = List.of(List.of("socat", "socat"), List.of("mount", "mount"));

    /** The tools that bwrap containers need besides. */
    static final List<List<String>> BWRAP_TOOLS = List.of(
            List.of("bwrap", "bubblewrap"),
            List.of("setpriv", "util-linux"),
            List.of("prlimit", "util-linux"),
            List.of("unshare", "util-linux"));

    private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-7]{3})");

    private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private HostCommands() {}

    static Optional<Path> find(String tool) {
        return SEARCH_PATH.stream()
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Fails with one line naming the first missing tool. */
    static void requireTools(ContainerRuntime runtime) throws DriverException {
        List<List<String>> tools = new ArrayList<>(REQUIRED_TOOLS);
        if (runtime == ContainerRuntime.BWRAP) {
            tools.addAll(BWRAP_TOOLS);
        }
        for (List<String> tool : tools) {
            if (find(tool.get(0)).isEmpty()) {
                throw new DriverException("the sandbox driver needs '" + tool.get(0) + "' (Debian package "
                        + tool.get(1) + "), which is not installed");
            }
        }
    }

    /**
     * Whether something is mounted on {@code path}, as this process's mount table says (which
     * writes a space, tab, newline or backslash in a path as an octal escape, {@code \040}).
     */
    static boolean isMountPoint(Path path) throws IOException {
        String target = path.toAbsolutePath().normalize().toString();
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return mounts.map(line -> line.split(" "))
                    .anyMatch(fields -> fields.length > 4 && unescape(fields[4]).equals(target));
        }
    }

    static String unescape(String field) {
        return OCTAL_ESCAPE
                .matcher(field)
                .replaceAll(escape ->
                        Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 8))));
    }

    /** Runs a command to completion; its output, or a one-line failure naming the command. */
    static String run(String... command) throws DriverException {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DriverException("'" + String.join(" ", command) + "' did not finish");
            }
            if (process.exitValue() != 0) {
                throw new DriverException("'" + String.join(" ", command) + "' failed: "
                        + output.strip().lines().findFirst().orElse("exit status " + process.exitValue()));
            }
            return output;
        } catch (IOException e) {
            throw new DriverException("cannot run '" + command[0] + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while running '" + command[0] + "'", e);
        }
    }
}
