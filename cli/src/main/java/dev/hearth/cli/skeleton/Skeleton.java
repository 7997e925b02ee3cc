package dev.hearth.cli.skeleton;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A function that deploys and answers as it is, one per runtime: the example of that runtime
 * (cli/pom.xml packs examples/hello-* under {@code /skeletons/}), its example name replaced by the
 * new function's wherever the code prints it.
 */
public enum Skeleton {
    PYTHON3("python3", "hello-python", List.of("hearth.json", "app.py"), Set.of()),
    NODEJS("nodejs", "hello-node", List.of("hearth.json", "app.js"), Set.of()),
    /** The bash runtime of AWS Lambda's custom-runtime tutorial: an executable bootstrap. */
    PROVIDED("provided", "hello-bash", List.of("hearth.json", "bootstrap", "function.sh"), Set.of("bootstrap"));

    private final String runtime;
    private final String example;
    private final List<String> files;
    private final Set<String> executables;

    Skeleton(String runtime, String example, List<String> files, Set<String> executables) {
        this.runtime = runtime;
        this.example = example;
        this.files = files;
        this.executables = executables;
    }

    /** The runtime as {@code hearth.json} names it. */
    public String runtime() {
        return runtime;
    }

    public List<String> files() {
        return files;
    }

    public static Optional<Skeleton> forRuntime(String runtime) {
        return Arrays.stream(values()).filter(s -> s.runtime.equals(runtime)).findFirst();
    }

    public static List<String> runtimes() {
        return Arrays.stream(values()).map(Skeleton::runtime).toList();
    }

    /** Writes the function {@code name} into {@code folder}, which must not exist or be empty. */
    public void writeTo(Path folder, String name) {
        if (holdsAnything(folder)) {
            throw new CliFailure(ExitCode.USAGE, "folder-not-empty", folder + " already holds files");
        }
        try {
            Files.createDirectories(folder);
            for (String file : files) {
                Path target = folder.resolve(file);
                Files.writeString(target, content(file).replace(example, name), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(
                        target,
                        PosixFilePermissions.fromString(executables.contains(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "init", "cannot write " + folder + ": " + e.getMessage());
        }
    }

    private String content(String file) {
        String resource = "/skeletons/" + example + "/" + file;
        try (InputStream in = Skeleton.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the CLI's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holdsAnything(Path folder) {
        if (!Files.exists(folder)) {
            return false;
        }
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "init", "cannot read " + folder + ": " + e.getMessage());
        }
    }
}
