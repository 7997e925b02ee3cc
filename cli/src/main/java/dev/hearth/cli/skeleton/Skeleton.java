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
 * new function's wherever the code or its build names it.
 */
public enum Skeleton {
    PYTHON3("python3", "python3", "hello-python", List.of("hearth.json", "app.py"), Set.of(), false),
    NODEJS("nodejs", "nodejs", "hello-node", List.of("hearth.json", "app.js"), Set.of(), false),
    /** The bash runtime of AWS Lambda's custom-runtime tutorial: an executable bootstrap. */
    PROVIDED(
            "provided",
            "provided",
            "hello-bash",
            List.of("hearth.json", "bootstrap", "function.sh"),
            Set.of("bootstrap"),
            false),
    /**
     * A plain AWS Lambda Java handler run by AWS's runtime interface client as a {@code provided}
     * function; its Maven build makes the code package ({@code mvn package}: {@code
     * target/NAME.zip}).
     */
    JAVA(
            "java",
            "provided",
            "hello-java-ric",
            List.of(
                    "hearth.json",
                    "bootstrap",
                    "pom.xml",
                    "src/assembly/function.xml",
                    "src/main/java/example/Hello.java"),
            Set.of("bootstrap"),
            true);

    private final String option;
    private final String runtime;
    private final String example;
    private final List<String> files;
    private final Set<String> executables;
    private final boolean built;

    Skeleton(
            String option, String runtime, String example, List<String> files, Set<String> executables, boolean built) {
        this.option = option;
        this.runtime = runtime;
        this.example = example;
        this.files = files;
        this.executables = executables;
        this.built = built;
    }

    /** What {@code init --runtime} calls it. */
    public String option() {
        return option;
    }

    /** The runtime as {@code hearth.json} names it. */
    public String runtime() {
        return runtime;
    }

    /** What to deploy once the skeleton is written into {@code folder} as {@code name}: the folder, or its build's archive. */
    public Path deployable(Path folder, String name) {
        return built ? folder.resolve("target").resolve(name + ".zip") : folder;
    }

    /** Whether the code package is built first ({@code mvn package} in the folder). */
    public boolean built() {
        return built;
    }

    public List<String> files() {
        return files;
    }

    public static Optional<Skeleton> forOption(String option) {
        return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst();
    }

    public static List<String> options() {
        return Arrays.stream(values()).map(Skeleton::option).toList();
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
                Files.createDirectories(target.getParent());
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
