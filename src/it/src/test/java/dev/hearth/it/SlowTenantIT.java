package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * One user's slow invocations leave the API to everyone else: an invocation holds one of Payara's
 * HTTP threads until its function answers, and Payara's default of five such threads let five of
 * them stall every other request, the health check included (docs/adr/0045).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowTenantIT {

    /** More than Payara's default number of HTTP threads. */
    private static final int SLOW_INVOCATIONS = 8;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void anotherUsersReadAndTheHealthCheckAnswerWhileOneUsersSlowInvocationsRun() throws Exception {
        HearthApi.Answer uploaded = put(
                "dev",
                "/functions/sleeper",
                "application/zip",
                Archives.zipOfText(Map.of(
                        "hearth.json",
                        "{\"runtime\": \"python3\", \"entryPortion\": \"main\", \"portions\": [{\"name\": \"main\","
                                + " \"path\": \".\", \"handler\": \"app.handler\", \"trustLevel\": \"untrusted\"}],"
                                + " \"policy\": {\"memoryMb\": 64, \"timeoutMillis\": 30000, \"egress\": \"none\"}}",
                        "app.py",
                        "import time\n\ndef handler(event, context):\n"
                                + "    time.sleep(event[\"seconds\"])\n    return {\"slept\": event[\"seconds\"]}\n")));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());

        ExecutorService callers = Executors.newFixedThreadPool(SLOW_INVOCATIONS);
        try {
            List<CompletableFuture<Long>> slowEnds = new ArrayList<>();
            for (int i = 0; i < SLOW_INVOCATIONS; i++) {
                slowEnds.add(CompletableFuture.supplyAsync(
                        () -> {
                            HearthApi.Answer slept = post(
                                    "dev", "/functions/sleeper/invocations", "application/json", "{\"seconds\": 8}");
                            assertEquals(200, slept.status(), slept.body());
                            return System.nanoTime();
                        },
                        callers));
            }
            // Give every slow invocation the time to reach Payara; they then sleep for 8 s.
            Thread.sleep(2_000);

            HearthApi.Answer read = get("dev2", "/functions");
            HearthApi.Answer health = HearthApi.send(
                    HttpRequest.newBuilder(URI.create(HearthApi.API.replaceFirst("/api/v1$", "") + "/health/live"))
                            .GET());
            long answered = System.nanoTime();

            assertEquals(200, read.status(), read.body());
            assertEquals(200, health.status(), health.body());
            long firstSlowEnd = Long.MAX_VALUE;
            for (CompletableFuture<Long> end : slowEnds) {
                firstSlowEnd = Math.min(firstSlowEnd, end.get(60, TimeUnit.SECONDS));
            }
            assertTrue(
                    answered < firstSlowEnd,
                    "the other user's read and the health check waited for one of dev's slow invocations to end");
        } finally {
            callers.shutdownNow();
        }
    }
}
