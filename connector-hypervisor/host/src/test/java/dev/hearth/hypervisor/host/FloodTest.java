package dev.hearth.hypervisor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.hypervisor.host.sandbox.ContainerRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One tenant's function floods its Runtime API from inside its sandbox (connections held open
 * with half-sent heads, bodies announced huge or negative, 6 MiB bodies, a storm of connects)
 * while another tenant's function is invoked warm: the other's p99 stays within twice its quiet
 * p99 (or a generous floor, for slow machines), and no container gets more of the agent's threads
 * than its bound. Runs against each container runtime ({@link BwrapFloodTest}, {@link RuncFloodTest}).
 */
abstract class FloodTest {

    private static final int INVOCATIONS = 200;
    /** Below this, a p99 says more about the machine than about the flood. */
    private static final long FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

    private static final int FLOOD_SECONDS = 8;

    private static final String VICTIM = "def handler(event, context):\n    return {}\n";
    private static final String FLOODER =
            """
            import socket, threading, time

            API = "/run/hearth/runtime.sock"
            HEAD = b"POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\\r\\n"

            def attack(kind, until):
                while time.time() < until:
                    try:
                        s = socket.socket(socket.AF_UNIX)
                        s.settimeout(2)
                        s.connect(API)
                        if kind == "slow-head":
                            s.sendall(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: x")
                            while time.time() < until:
                                s.sendall(b"x")
                                time.sleep(0.5)
                        elif kind == "huge":
                            s.sendall(HEAD + b"Content-Length: 99999999999999\\r\\n\\r\\n" + b"x" * 65536)
                        elif kind == "negative":
                            s.sendall(HEAD + b"Content-Length: -5\\r\\n\\r\\nxxxxx")
                        elif kind == "full":
                            s.sendall(HEAD + b"Content-Length: 6291456\\r\\n\\r\\n" + b"x" * 6291456)
                        s.recv(256)
                    except OSError:
                        pass
                    finally:
                        s.close()

            def handler(event, context):
                until = time.time() + event["seconds"]
                kinds = ["slow-head"] * 40 + ["huge"] * 8 + ["negative"] * 8 + ["full"] * 4 + ["connect"] * 8
                for kind in kinds:
                    threading.Thread(target=attack, args=(kind, until), daemon=True).start()
                return {"threads": len(kinds)}
            """;

    /** What the agent under test runs its containers with. */
    abstract ContainerRuntime containerRuntime();

    @Test
    void aFloodFromOneFunctionDoesNotSlowAnotherTenantsWarmInvocations() throws Exception {
        try (RunningAgent running = new RunningAgent(2, containerRuntime())) {
            String victimSha = running.upload(RunningAgent.zip(Map.of("app.py", VICTIM)));
            String flooderSha = running.upload(RunningAgent.zip(Map.of("app.py", FLOODER)));
            String victim = running.createInstance("bob").instanceId();
            String flooder = running.createInstance("mallory").instanceId();
            InvokeRequest victimCall = request("victim", victimSha, "{}", 16);
            for (int i = 0; i < 20; i++) {
                assertEquals("success", running.invoke(victim, victimCall).status()); // warm, JIT too
            }

            long quietP99 = p99(running, victim, victimCall);
            InvokeResult started =
                    running.invoke(flooder, request("flooder", flooderSha, "{\"seconds\":" + FLOOD_SECONDS + "}", 128));
            assertEquals("success", started.status(), started.toString());
            ThreadPeaks peaks = ThreadPeaks.sample();
            Thread.sleep(1000); // the flood under way
            long floodedP99 = p99(running, victim, victimCall);
            Thread.sleep(TimeUnit.SECONDS.toMillis(FLOOD_SECONDS));
            peaks.stop();

            System.out.printf(
                    "flood test (%s): victim p99 quiet %s ms, flooded %s ms; Runtime API threads per container %s%n",
                    containerRuntime().settingName(), millis(quietP99), millis(floodedP99), peaks.byName);
            int flooderPeak = peaks.byName.entrySet().stream()
                    .filter(e -> e.getKey().contains(flooder))
                    .mapToInt(Map.Entry::getValue)
                    .max()
                    .orElse(0);
            assertEquals(16 + 1, flooderPeak, "the flood filled its container's connections: " + peaks.byName);
            long bound = Math.max(2 * quietP99, FLOOR_NANOS);
            assertTrue(
                    floodedP99 <= bound,
                    "p99 during the flood " + millis(floodedP99) + " ms, quiet " + millis(quietP99) + " ms");
            int perContainer = Collections.max(peaks.byName.values());
            assertTrue(
                    perContainer <= 16 + 1,
                    "a container's Runtime API threads peaked at " + perContainer + ": " + peaks.byName);
            assertEquals("success", running.invoke(victim, victimCall).status(), "the victim still answers");
        }
    }

    private static long p99(RunningAgent running, String instance, InvokeRequest call) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < INVOCATIONS; i++) {
            long start = System.nanoTime();
            InvokeResult result = running.invoke(instance, call);
            nanos.add(System.nanoTime() - start);
            assertEquals("success", result.status(), result.toString());
        }
        Collections.sort(nanos);
        return nanos.get((int) Math.ceil(INVOCATIONS * 0.99) - 1);
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    private static InvokeRequest request(String name, String sha, String event, int maxProcesses) {
        return new InvokeRequest(
                UUID.randomUUID().toString(),
                name,
                sha,
                "python3",
                "main",
                List.of(new PortionSpec("main", ".", "app.handler", "untrusted")),
                Map.of(),
                new ResourceLimits(128, 3000, maxProcesses, 16),
                event,
                null,
                List.of());
    }

    /** The most Runtime API threads seen at once, per container (their threads carry its name). */
    private static final class ThreadPeaks {
        final Map<String, Integer> byName = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler = new Thread(this::run, "flood-test-sampler");

        static ThreadPeaks sample() {
            ThreadPeaks peaks = new ThreadPeaks();
            peaks.sampler.setDaemon(true);
            peaks.sampler.start();
            return peaks;
        }

        private void run() {
            while (running.get()) {
                Map<String, Long> now = Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName)
                        .filter(name -> name.startsWith("runtime-api-") && !name.equals("runtime-api-deadlines"))
                        .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
                now.forEach((name, count) -> byName.merge(name, count.intValue(), Math::max));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }
}
