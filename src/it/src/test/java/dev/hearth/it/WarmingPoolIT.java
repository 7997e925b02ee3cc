package dev.hearth.it;

import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An admin sizes the python3 warming pool; developers' first invocations take instances from it,
 * it refills, and no instance ever serves two users, also when they invoke at the same time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WarmingPoolIT {

    private static final String DEV_FUNCTION = "pool-it-dev";
    private static final String DEV2_FUNCTION = "pool-it-dev2";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeEach
    void freshFunctions() {
        Fleet.restoreDefaults();
        replace("dev", DEV_FUNCTION);
        replace("dev2", DEV2_FUNCTION);
    }

    @AfterEach
    void leaveNoPoolBehind() {
        Fleet.restoreDefaults();
    }

    @Test
    void thePoolRefillsToItsTargetAfterClaims() {
        JsonObject set = Fleet.setPool("python3", 2, 2);
        assertEquals(2, set.getInt("warmingTarget"));
        Fleet.await(() -> Fleet.pool("python3"), p -> p.getInt("warming") == 2, Duration.ofSeconds(30), "2 warming");

        HearthApi.Answer first = invoke("dev", DEV_FUNCTION);
        assertEquals("warming-pool", first.json().getString("startKind"), first.body());
        assertEquals("warming-pool", first.header("Hearth-Start-Kind"));
        assertEquals("warm", invoke("dev", DEV_FUNCTION).json().getString("startKind"));

        Fleet.await(() -> Fleet.pool("python3"), p -> p.getInt("warming") == 2, Duration.ofSeconds(30), "a refill");
        String claimed = instanceOf("dev", first);
        JsonObject instance = Fleet.instances().stream()
                .filter(i -> i.getString("instanceId").equals(claimed))
                .findFirst()
                .orElseThrow();
        assertEquals("dev", instance.getString("owner"), "the claimed instance stays dev's");
        assertEquals("idle", instance.getString("state"));
    }

    @Test
    void twoUsersNeverShareAnInstanceAlsoUnderConcurrentLoad() throws Exception {
        Fleet.setPool("python3", 3, 3);
        Fleet.await(() -> Fleet.pool("python3"), p -> p.getInt("warming") == 3, Duration.ofSeconds(30), "3 warming");

        Map<String, Set<String>> instancesByUser = new HashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String[]>> calls = new ArrayList<>();
            for (int n = 0; n < 40; n++) {
                String user = n % 2 == 0 ? "dev" : "dev2";
                String function = user.equals("dev") ? DEV_FUNCTION : DEV2_FUNCTION;
                calls.add(clients.submit(() -> {
                    HearthApi.Answer answer = invoke(user, function);
                    return new String[] {user, instanceOf(user, answer)};
                }));
            }
            for (Future<String[]> call : calls) {
                String[] served = call.get();
                instancesByUser.computeIfAbsent(served[0], u -> new HashSet<>()).add(served[1]);
            }
        } finally {
            clients.shutdownNow();
        }

        Set<String> shared = new HashSet<>(instancesByUser.get("dev"));
        shared.retainAll(instancesByUser.get("dev2"));
        assertEquals(Set.of(), shared, "instances that served both users");
        for (JsonObject instance : Fleet.instances()) {
            String id = instance.getString("instanceId");
            if (instancesByUser.get("dev").contains(id)) {
                assertEquals("dev", instance.getString("owner"));
            }
            if (instancesByUser.get("dev2").contains(id)) {
                assertEquals("dev2", instance.getString("owner"));
            }
        }
    }

    @Test
    void idleInstancesAreReapedAfterKeepAlive() {
        HearthApi.Answer invoked = invoke("dev", DEV_FUNCTION);
        String instanceId = instanceOf("dev", invoked);
        assertTrue(Fleet.instances().stream()
                .anyMatch(i -> i.getString("instanceId").equals(instanceId)));

        Fleet.settings(
                "{\"keepAliveSeconds\":1,\"maxConcurrentPerFunction\":16,\"maxConcurrentPerUser\":32,\"queueWaitMillis\":2000}");

        Fleet.await(
                Fleet::instances,
                list -> list.stream().noneMatch(i -> i.getString("instanceId").equals(instanceId)),
                Duration.ofSeconds(30),
                "instance " + instanceId + " to be reaped");
        assertEquals("cold", invoke("dev", DEV_FUNCTION).json().getString("startKind"), "reaped, not pooled");
    }

    @Test
    void overTheConcurrencyLimitRequestsGet429WithRetryAfter() throws Exception {
        replaceWith(
                "dev",
                DEV_FUNCTION,
                Archives.zipOfText(Map.of(
                        "hearth.json",
                        "{\"runtime\":\"python3\",\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\","
                                + "\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}],\"policy\":{\"memoryMb\":64,"
                                + "\"timeoutMillis\":10000,\"maxProcesses\":8,\"tmpMb\":8,\"egress\":\"none\",\"environment\":{}}}",
                        "app.py",
                        "import time\ndef handler(event, context):\n    time.sleep(3)\n    return {\"slept\": 3}\n")));
        invoke("dev", DEV_FUNCTION);
        Fleet.settings(
                "{\"keepAliveSeconds\":300,\"maxConcurrentPerFunction\":1,\"maxConcurrentPerUser\":32,\"queueWaitMillis\":100}");

        ExecutorService clients = Executors.newFixedThreadPool(1);
        try {
            Future<HearthApi.Answer> slow = clients.submit(() -> invoke("dev", DEV_FUNCTION));
            Fleet.await(
                    Fleet::instances,
                    list -> list.stream().anyMatch(i -> i.getString("state").equals("busy")),
                    Duration.ofSeconds(3),
                    "the first invocation to run");

            HearthApi.Answer refused =
                    post("dev", "/functions/" + DEV_FUNCTION + "/invocations", "application/json", "{}");

            assertEquals(429, refused.status(), refused.body());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals(
                    "https://hearth.dev/problems/too-many-requests",
                    refused.json().getString("type"));
            assertEquals("1", refused.header("Retry-After"));
            assertEquals(200, slow.get().status(), "the invocation that held the slot finishes");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void onlyAdminsSeeTheFleet() {
        assertEquals(403, get("dev", "/admin/pools").status());
        assertEquals(403, get("dev", "/admin/instances").status());
        assertEquals(401, get(null, "/admin/hosts").status());
        HearthApi.Answer hosts = get("admin", "/admin/hosts");
        assertEquals(200, hosts.status(), hosts.body());
        JsonObject local = ((jakarta.json.JsonArray) HearthApi.parse(hosts.body())).getJsonObject(0);
        assertEquals("local", local.getString("hostId"));
        assertTrue(local.getBoolean("healthy"));
        assertFalse(local.getBoolean("draining"));
        HearthApi.Answer badTarget = put(
                "admin", "/admin/pools/cobol", "application/json", "{\"warmingTarget\":1,\"maxPerHost\":1}".getBytes());
        assertEquals(400, badTarget.status());
        assertNull(badTarget.header("Retry-After"));
    }

    static HearthApi.Answer invoke(String user, String function) {
        HearthApi.Answer answer = post(user, "/functions/" + function + "/invocations", "application/json", "{}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("success", answer.json().getString("status"), answer.body());
        return answer;
    }

    /** The instance that served an invocation, from its activation record. */
    static String instanceOf(String user, HearthApi.Answer invoked) {
        HearthApi.Answer activation = get(user, "/activations/" + invoked.json().getString("activationId"));
        assertEquals(200, activation.status(), activation.body());
        return activation.json().getString("instanceId");
    }

    private static void replace(String user, String function) {
        replaceWith(user, function, Archives.example("hello-python"));
    }

    private static void replaceWith(String user, String function, byte[] archive) {
        int deleted = delete(user, "/functions/" + function).status();
        assertTrue(deleted == 204 || deleted == 404, "deleting " + function + " answered " + deleted);
        HearthApi.Answer uploaded = put(user, "/functions/" + function, "application/zip", archive);
        assertEquals(201, uploaded.status(), uploaded.body());
    }
}
