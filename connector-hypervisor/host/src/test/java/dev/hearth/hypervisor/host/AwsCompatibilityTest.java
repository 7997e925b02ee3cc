package dev.hearth.hypervisor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing AWS Lambda runtimes run unchanged as entry portions of a {@code provided} function:
 * the bash bootstrap of AWS's custom-runtime tutorial ({@code examples/hello-bash}) and the AWS
 * Java runtime interface client ({@code examples/hello-java-ric}, built by this module's Maven
 * build into {@code target/hello-java-ric}).
 */
@SystemTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCompatibilityTest {

    private static final Path EXAMPLES = Path.of("../../examples");
    private static final Path JAVA_BUILD = Path.of("target/hello-java-ric");

    private RunningAgent running;
    private String instanceId;

    @BeforeAll
    void start() throws Exception {
        running = new RunningAgent(1);
        instanceId = running.createInstance("alice").instanceId();
    }

    @AfterAll
    void stop() throws IOException {
        running.close();
    }

    @Test
    void theBashBootstrapOfAwsTutorialRunsUnchanged() throws Exception {
        String sha = running.upload(RunningAgent.zipFolder(EXAMPLES.resolve("hello-bash")));
        ResourceLimits limits = ResourceLimits.of(64, 3000, 32, 16);

        InvokeResult cold = running.invoke(instanceId, request(sha, "function.handler", "{\"name\": \"Ada\"}", limits));
        InvokeResult warm = running.invoke(instanceId, request(sha, "function.handler", "{}", limits));

        assertEquals("success", cold.status(), cold.toString());
        assertEquals("{\"message\": \"Hello, Ada!\"}", cold.payload());
        assertTrue(cold.logTail().contains("hello-bash: greeting Ada"), cold.logTail());
        assertEquals("success", warm.status(), warm.toString());
        assertEquals("{\"message\": \"Hello, world!\"}", warm.payload());
        assertFalse(warm.containersCreated());
    }

    @Test
    void theJavaRuntimeInterfaceClientRunsAsTheEntryPortion(@TempDir Path packageDir) throws Exception {
        Path example = EXAMPLES.resolve("hello-java-ric");
        Files.copy(example.resolve("bootstrap"), packageDir.resolve("bootstrap"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(example.resolve("hearth.json"), packageDir.resolve("hearth.json"));
        try (Stream<Path> built = Files.list(JAVA_BUILD)) {
            Path jar = built.filter(p -> p.toString().endsWith("-hello-java-ric.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("mvn process-test-classes builds the example's jar"));
            Files.copy(jar, packageDir.resolve("hello-java-ric.jar"));
        }
        Files.createDirectories(packageDir.resolve("lib"));
        try (Stream<Path> lib = Files.list(JAVA_BUILD.resolve("lib"))) {
            for (Path jar : lib.toList()) {
                Files.copy(jar, packageDir.resolve("lib").resolve(jar.getFileName()));
            }
        }
        String sha = running.upload(RunningAgent.zipFolder(packageDir));
        ResourceLimits limits = ResourceLimits.of(256, 10_000, 64, 16);

        InvokeResult cold =
                running.invoke(instanceId, request(sha, "example.Hello::handleRequest", "{\"name\": \"Ada\"}", limits));
        InvokeResult warm = running.invoke(instanceId, request(sha, "example.Hello::handleRequest", "{}", limits));

        assertEquals("success", cold.status(), cold.toString());
        assertEquals(Map.of("message", "Hello, Ada!"), running.jsonb.fromJson(cold.payload(), Map.class));
        assertTrue(cold.logTail().contains("hello-java-ric: greeting Ada in hello"), cold.logTail());
        assertEquals("success", warm.status(), warm.toString());
        assertEquals(Map.of("message", "Hello, world!"), running.jsonb.fromJson(warm.payload(), Map.class));
        assertFalse(warm.containersCreated());
    }

    private static InvokeRequest request(String sha, String handler, String event, ResourceLimits limits) {
        return InvokeRequest.withoutAuxiliaryServices(
                UUID.randomUUID().toString(),
                "hello",
                sha,
                "provided",
                "main",
                List.of(PortionSpec.of("main", ".", handler, "untrusted")),
                Map.of(),
                limits,
                event,
                null,
                List.of());
    }
}
