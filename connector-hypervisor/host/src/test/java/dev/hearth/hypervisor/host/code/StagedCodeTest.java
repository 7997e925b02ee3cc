package dev.hearth.hypervisor.host.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedCodeTest {

    @TempDir
    Path code;

    @TempDir
    Path task;

    private void packageWithTwoPortions() throws IOException {
        for (String file : List.of("hearth.json", "front/app.py", "vault/app.py", "vault/lib/x.py", "lib/util/u.py")) {
            Files.createDirectories(code.resolve(file).getParent());
            Files.writeString(code.resolve(file), file);
        }
    }

    private List<String> staged() throws IOException {
        try (Stream<Path> tree = Files.walk(task)) {
            return tree.filter(Files::isRegularFile)
                    .map(path -> task.relativize(path).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aPortionGetsOnlyItsFolderAndTheSharedOneAtTheirPlaces() throws IOException {
        packageWithTwoPortions();

        StagedCode.link(code, task, List.of("front", "./lib/util/"));

        assertEquals(List.of("front/app.py", "lib/util/u.py"), staged());
        assertEquals("front/app.py", Files.readString(task.resolve("front/app.py")));
    }

    @Test
    void theRootFolderIsTheWholePackage() throws IOException {
        packageWithTwoPortions();

        StagedCode.link(code, task, List.of("."));

        assertEquals(
                List.of("front/app.py", "hearth.json", "lib/util/u.py", "vault/app.py", "vault/lib/x.py"), staged());
    }

    @Test
    void aSharedFolderInsideThePortionsIsStagedOnce() throws IOException {
        packageWithTwoPortions();

        StagedCode.link(code, task, List.of("vault", "vault/lib"));

        assertEquals(List.of("vault/app.py", "vault/lib/x.py"), staged());
    }
}
