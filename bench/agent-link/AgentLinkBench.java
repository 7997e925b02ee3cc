import dev.hearth.hypervisor.adapter.transport.AgentDirectory;
import dev.hearth.hypervisor.adapter.transport.AgentHttpChannel;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The adapter-to-agent round trip, plain HTTP against TLS, through the adapter's own client
 * ({@link AgentHttpChannel}, as Payara's managed connections use it). Started by {@code
 * bench/agent-link/run} with two agents of its own. Warm invocations of a trivial function and
 * {@code GET /v1/agent} run in alternating rounds (plain, TLS, plain, ...) so that both see the
 * same machine; new connections are measured apart. Prints percentiles in milliseconds.
 *
 * <p>Arguments: PLAIN_URL TLS_URL SECRET_FILE CERTIFICATE_PEM ROUNDS WARM_UP (calls per kind and agent
 * before any is counted).
 */
public final class AgentLinkBench {

    private static final int PER_ROUND = 200;
    private static final int NEW_CONNECTIONS = 100;

    public static void main(String[] args) throws Exception {
        String secret = Files.readString(Path.of(args[2])).strip();
        String pem = args[3];
        int rounds = Integer.parseInt(args[4]);
        int warmUp = Integer.parseInt(args[5]);
        Map<String, URI> agents = new LinkedHashMap<>();
        agents.put("plain", URI.create(args[0]));
        agents.put("tls", URI.create(args[1]));

        byte[] code = zip("app.py", "def handler(event, context):\n    return {}\n");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        Map<String, AgentHttpChannel> channels = new LinkedHashMap<>();
        Map<String, String> invocations = new LinkedHashMap<>();
        for (var agent : agents.entrySet()) {
            AgentHttpChannel channel = channel(agent.getValue(), pem, secret);
            channels.put(agent.getKey(), channel);
            expect(204, channel.exchange("PUT", "/v1/code/" + sha, "application/octet-stream", code));
            String created = text(expect(201, channel.exchange("POST", "/v1/instances", "application/json",
                    bytes("{\"owner\":\"bench\",\"runtime\":\"python3\",\"isolation\":\"sandbox\"}"))));
            invocations.put(agent.getKey(), "/v1/instances/" + field(created, "instanceId") + "/invocations");
        }
        byte[] invoke = bytes("{\"invocationId\":null,\"functionName\":\"link\",\"codeSha256\":\"" + sha
                + "\",\"runtime\":\"python3\",\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\","
                + "\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}],\"environment\":{},\"limits\":{"
                + "\"memoryMb\":128,\"timeoutMillis\":3000,\"maxProcesses\":32,\"tmpMb\":16},\"event\":\"{}\","
                + "\"credential\":null,\"egressAllowList\":[]}");

        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms both up and is not counted
            for (String mode : agents.keySet()) {
                AgentHttpChannel channel = channels.get(mode);
                List<Long> warm = round < 0 ? new ArrayList<>() : samples.computeIfAbsent("warm invocation, " + mode, k -> new ArrayList<>());
                List<Long> info = round < 0 ? new ArrayList<>() : samples.computeIfAbsent("GET /v1/agent, " + mode, k -> new ArrayList<>());
                for (int i = 0; i < (round < 0 ? warmUp : PER_ROUND); i++) {
                    long start = System.nanoTime();
                    expect(200, channel.exchange("POST", invocations.get(mode), "application/json", invoke));
                    warm.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    expect(200, channel.exchange("GET", "/v1/agent", null, null));
                    info.add(System.nanoTime() - start);
                }
            }
        }
        for (String mode : agents.keySet()) {
            List<Long> fresh = samples.computeIfAbsent("new connection + GET /v1/agent, " + mode, k -> new ArrayList<>());
            for (int i = 0; i < NEW_CONNECTIONS; i++) {
                try (AgentHttpChannel channel = channel(agents.get(mode), pem, secret)) {
                    long start = System.nanoTime();
                    expect(200, channel.exchange("GET", "/v1/agent", null, null));
                    fresh.add(System.nanoTime() - start);
                }
            }
        }
        channels.values().forEach(AgentHttpChannel::close);

        System.out.println("| measurement | count | p50 ms | p90 ms | p99 ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (var sample : samples.entrySet()) {
            List<Long> sorted = new ArrayList<>(sample.getValue());
            Collections.sort(sorted);
            System.out.printf("| %s | %d | %s | %s | %s |%n", sample.getKey(), sorted.size(),
                    ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99));
        }
    }

    private static AgentHttpChannel channel(URI url, String pem, String secret) throws Exception {
        return new AgentHttpChannel(url, AgentDirectory.tls(url, pem), secret, 2000, 30_000);
    }

    private static String ms(List<Long> sorted, double quantile) {
        long nanos = sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * quantile) - 1));
        return String.format("%.3f", nanos / 1e6);
    }

    private static AgentHttpChannel.Response expect(int status, AgentHttpChannel.Response response) {
        if (response.status() != status) {
            throw new IllegalStateException("agent answered " + response.status() + ": " + text(response));
        }
        return response;
    }

    private static String text(AgentHttpChannel.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }

    private static byte[] zip(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes(content));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
