package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.put;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploads that unpack to a hundred times their size, sent at once, are each answered and leave
 * Payara (512 MiB of heap) well: it judges an archive from its index, never its unpacked files.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentUploadsIT {

    private static final int UPLOADS_AT_ONCE = 6;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void bombsSentAtOnceAreEachRefusedAndPayaraStaysWell() throws Exception {
        byte[] bomb = Archives.ratioBomb(Archives.MANIFEST);
        ExecutorService senders = Executors.newFixedThreadPool(UPLOADS_AT_ONCE);
        try {
            List<CompletableFuture<HearthApi.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < UPLOADS_AT_ONCE; i++) {
                String name = "bomb-" + i;
                answers.add(CompletableFuture.supplyAsync(
                        () -> put("dev", "/functions/" + name, "application/zip", bomb), senders));
            }
            for (CompletableFuture<HearthApi.Answer> future : answers) {
                HearthApi.Answer answer = future.get(120, TimeUnit.SECONDS);
                assertEquals(400, answer.status(), answer.body());
                assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
                assertTrue(answer.body().contains("handler module not found"), answer.body());
            }
        } finally {
            senders.shutdownNow();
        }

        HearthApi.Answer health = HearthApi.send(
                HttpRequest.newBuilder(URI.create(HearthApi.API.replaceFirst("/api/v1$", "") + "/health/live"))
                        .GET());
        assertEquals(200, health.status(), health.body());
        HearthApi.Answer deployed =
                put("dev", "/functions/after-bombs", "application/zip", Archives.example("hello-python"));
        assertEquals(201, deployed.status(), deployed.body());
        assertEquals(200, get("dev", "/functions/after-bombs").status());
    }

    /**
     * Each request's body is counted against what the member holds at once (96 MiB) only while its
     * request lasts: six uploads of 19 MiB one after another, more than the budget together, are
     * each taken.
     */
    @Test
    void largeUploadsOneAfterAnotherAreEachTakenWhateverTheyTotal() {
        byte[] noise = new byte[19 << 20];
        new Random(7).nextBytes(noise);
        byte[] archive = Archives.zip(
                Map.of(
                        "hearth.json", Archives.MANIFEST.getBytes(UTF_8),
                        "app.py", "def handler(event, context):\n    return {}\n".getBytes(UTF_8),
                        "noise.bin", noise),
                List.of());
        try {
            for (int i = 0; i < 6; i++) {
                HearthApi.Answer deployed = put("dev", "/functions/large-upload", "application/zip", archive);
                assertTrue(deployed.status() == 201 || deployed.status() == 200, i + ": " + deployed.body());
            }
        } finally {
            HearthApi.delete("dev", "/functions/large-upload");
        }
    }
}
