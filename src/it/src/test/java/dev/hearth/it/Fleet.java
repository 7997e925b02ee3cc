package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The admin API as an operator uses it: pools, settings and instances, and waiting until they settle. */
final class Fleet {

    static final String ADMIN = "admin";

    /** What the foundation's tests expect: no warming pool, keep-alive and limits as shipped. */
    static final String DEFAULT_SETTINGS =
            "{\"keepAliveSeconds\":300,\"maxConcurrentPerFunction\":16,\"maxConcurrentPerUser\":32,\"queueWaitMillis\":2000}";

    private Fleet() {}

    static JsonObject setPool(String runtime, int warmingTarget, int maxPerHost) {
        HearthApi.Answer answer = put(
                ADMIN,
                "/admin/pools/" + runtime,
                "application/json",
                ("{\"warmingTarget\":" + warmingTarget + ",\"maxPerHost\":" + maxPerHost + "}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    static void settings(String json) {
        HearthApi.Answer answer =
                put(ADMIN, "/admin/settings", "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
    }

    /** The shipped settings, with {@code cidrs} as the private networks functions and log endpoints may reach. */
    static void allowPrivateNetworks(String... cidrs) {
        String list = String.join(
                ",", java.util.Arrays.stream(cidrs).map(c -> "\"" + c + "\"").toList());
        settings(DEFAULT_SETTINGS.replace("}", ",\"allowedPrivateNetworks\":[" + list + "]}"));
    }

    static JsonObject pool(String runtime) {
        return array(get(ADMIN, "/admin/pools")).stream()
                .map(v -> v.asJsonObject())
                .filter(p -> p.getString("runtime").equals(runtime))
                .findFirst()
                .orElseThrow();
    }

    static List<JsonObject> hosts() {
        return array(get(ADMIN, "/admin/hosts")).stream()
                .map(v -> v.asJsonObject())
                .toList();
    }

    static void drain(String hostId, boolean draining) {
        HearthApi.Answer answer = put(
                ADMIN,
                "/admin/hosts/" + hostId + "/draining",
                "application/json",
                ("{\"draining\":" + draining + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
    }

    /** Something to run that may throw, as a test's body does. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} while every other host is drained, so that whatever it invokes is placed on
     * {@code hostId} (which must be healthy); the other hosts take work again afterwards.
     */
    static void onlyOn(String hostId, Body body) throws Exception {
        await(
                () -> hosts().stream()
                        .filter(h -> h.getString("hostId").equals(hostId))
                        .findFirst(),
                h -> h.isPresent() && h.get().getBoolean("healthy"),
                Duration.ofSeconds(30),
                "host " + hostId + " to be healthy");
        List<String> others = hosts().stream()
                .map(h -> h.getString("hostId"))
                .filter(id -> !id.equals(hostId))
                .toList();
        others.forEach(id -> drain(id, true));
        try {
            body.run();
        } finally {
            others.forEach(id -> drain(id, false));
        }
    }

    /**
     * Asserts that {@code user}'s invocation ran on {@code hostId}, as its activation record and the
     * admin's instance list say.
     */
    static void assertServedBy(String hostId, String user, HearthApi.Answer invoked) {
        HearthApi.Answer activation = get(user, "/activations/" + invoked.json().getString("activationId"));
        assertEquals(200, activation.status(), activation.body());
        assertEquals(hostId, activation.json().getString("hostId"), activation.body());
        String instanceId = activation.json().getString("instanceId");
        JsonObject instance = instances().stream()
                .filter(i -> i.getString("instanceId").equals(instanceId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the admin's instances lack " + instanceId));
        assertEquals(hostId, instance.getString("hostId"), instance.toString());
    }

    static List<JsonObject> instances() {
        return array(get(ADMIN, "/admin/instances")).stream()
                .map(v -> v.asJsonObject())
                .toList();
    }

    /** Polls {@code read} until {@code done} holds, for at most {@code timeout}; returns the last value. */
    static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; last seen: " + value);
            }
            sleep(200);
            value = read.get();
        }
        return value;
    }

    /**
     * A fresh {@code hello-python} of dev's named {@code function}, and one python3 instance
     * waiting in the warming pool (at most {@code maxPerHost} on a host).
     */
    static void deployWithOneWarming(String function, int maxPerHost) {
        restoreDefaults();
        HearthApi.delete("dev", "/functions/" + function);
        assertEquals(
                201,
                put("dev", "/functions/" + function, "application/zip", Archives.example("hello-python"))
                        .status());
        setPool("python3", 1, maxPerHost);
        awaitOneWarming();
    }

    static void awaitOneWarming() {
        await(() -> pool("python3"), p -> p.getInt("warming") == 1, Duration.ofSeconds(30), "1 warming");
    }

    /** Takes the python3 warming pool down to nothing and restores the shipped settings. */
    static void restoreDefaults() {
        settings(DEFAULT_SETTINGS);
        setPool("python3", 0, 0);
        await(
                () -> pool("python3"),
                p -> p.getInt("warming") + p.getInt("booting") == 0,
                Duration.ofSeconds(30),
                "the python3 pool to empty");
    }

    private static JsonArray array(HearthApi.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return (JsonArray) HearthApi.parse(answer.body());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
