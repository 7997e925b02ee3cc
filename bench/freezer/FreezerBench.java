import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What freezing idle containers costs a warm invocation, measured at two running host agents
 * (started by bench/freezer/run): one that freezes them between invocations (the default), one
 * that leaves them running (sandboxes, or with isolation vm the qemu driver's VMs, paused or left
 * running). On each, one warming-pool instance runs examples/hello-python: first
 * invocation, a warm-up, then warm invocations in rounds that alternate between the agents, in two
 * patterns: back to back (the next request as soon as the answer is read: the freeze, on the
 * agent's background thread, races with it), and paced (a pause of PAUSE_MILLIS first, so the
 * containers are frozen and the invocation thaws them). Latencies are the client's, request sent
 * to answer read. Loopback only; every loop is bounded. Single-file program: java
 * FreezerBench.java FROZEN_AGENT_URL RUNNING_AGENT_URL SECRET_FILE REPO INVOCATIONS [sandbox|vm].
 */
public class FreezerBench {

    static final int WARM_UP = 100;
    static final int ROUNDS = 10;
    static final int PAUSE_MILLIS = 20;
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*(\"[^\"]*\"|[-0-9.]+|true|false|null)");

    final HttpClient http = HttpClient.newHttpClient();
    final String agent;
    final String secret;
    final Map<String, List<Double>> samples = new LinkedHashMap<>();
    String instance;
    String sha;

    FreezerBench(String agent, String secret) {
        this.agent = agent;
        this.secret = secret;
    }

    public static void main(String[] args) throws Exception {
        String secret = Files.readString(Path.of(args[2])).strip();
        Path repo = Path.of(args[3]);
        int invocations = Integer.parseInt(args[4]);
        String isolation = args.length > 5 ? args[5] : "sandbox";
        // The sandbox's figures keep their file and table; a VM's have their own.
        String suffix = isolation.equals("vm") ? "-vm" : "";
        Map<String, FreezerBench> agents = new LinkedHashMap<>();
        agents.put("frozen", new FreezerBench(args[0], secret));
        agents.put("running", new FreezerBench(args[1], secret));
        byte[] hello = zip(repo.resolve("examples/hello-python"));
        for (FreezerBench bench : agents.values()) {
            bench.sha = bench.upload(hello);
            bench.instance = fields(bench.send(
                            "POST", "/v1/instances", "{\"owner\":null,\"runtime\":\"python3\",\"isolation\":\"" + isolation + "\"}", 201))
                    .get("instanceId");
            for (int i = 0; i < WARM_UP; i++) {
                bench.invoke(null);
            }
        }
        int perRound = Math.max(1, invocations / ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            for (FreezerBench bench : agents.values()) {
                for (int i = 0; i < perRound; i++) {
                    bench.invoke("back to back");
                }
                for (int i = 0; i < perRound; i++) {
                    Thread.sleep(PAUSE_MILLIS);
                    bench.invoke("paced");
                }
            }
        }
        Map<String, Map<String, Object>> report = new LinkedHashMap<>();
        for (var entry : agents.entrySet()) {
            entry.getValue().send("DELETE", "/v1/instances/" + entry.getValue().instance, null, 204);
            entry.getValue().samples.forEach((pattern, values) -> {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("count", values.size());
                figures.put("p50", percentile(values, 50));
                figures.put("p90", percentile(values, 90));
                figures.put("p99", percentile(values, 99));
                report.put(pattern + ", idle containers " + entry.getKey(), figures);
            });
        }
        String json = toJson(report);
        Files.writeString(repo.resolve("bench/freezer/report" + suffix + ".json"), json + "\n");
        String table = table(report, isolation.equals("vm") ? "qemu" : "bwrap");
        Path doc = repo.resolve("docs/performance.md");
        String text = Files.readString(doc);
        String start = "<!-- freezer" + suffix + ":table -->\n";
        String end = "<!-- /freezer" + suffix + ":table -->";
        if (text.contains(start) && text.contains(end)) {
            Files.writeString(
                    doc, text.substring(0, text.indexOf(start) + start.length()) + table + text.substring(text.indexOf(end)));
        }
        System.out.print(table);
    }

    /** One warm invocation; its latency is kept under {@code pattern} (null: a warm-up). */
    void invoke(String pattern) throws Exception {
        String body = "{\"functionName\":\"bench\",\"codeSha256\":\"" + sha + "\",\"runtime\":\"python3\","
                + "\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\",\"handler\":"
                + "\"app.handler\",\"trustLevel\":\"untrusted\"}],\"environment\":{},\"limits\":{\"memoryMb\":128,"
                + "\"timeoutMillis\":30000,\"maxProcesses\":32,\"tmpMb\":16},\"event\":\"{}\"}";
        long started = System.nanoTime();
        String status = fields(send("POST", "/v1/instances/" + instance + "/invocations", body, 200)).get("status");
        double millis = (System.nanoTime() - started) / 1e6;
        if (!"success".equals(status)) {
            throw new IllegalStateException("invocation on " + instance + " ended " + status);
        }
        if (pattern != null) {
            samples.computeIfAbsent(pattern, p -> new ArrayList<>()).add(millis);
        }
    }

    String upload(byte[] archive) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        HttpRequest request = HttpRequest.newBuilder(URI.create(agent + "/v1/code/" + sha))
                .header("Authorization", "Bearer " + secret)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("upload answered " + status);
        }
        return sha;
    }

    String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent + path))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static Map<String, String> fields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
        }
        return fields;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 100) / 100.0;
    }

    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String toJson(Map<String, Map<String, Object>> report) {
        StringBuilder json = new StringBuilder("{");
        report.forEach((row, figures) -> {
            json.append(json.length() > 1 ? ",\n " : "\n ").append('"').append(row).append("\": {");
            List<String> parts = new ArrayList<>();
            figures.forEach((k, v) -> parts.add("\"" + k + "\": " + v));
            json.append(String.join(", ", parts)).append('}');
        });
        return json.append("\n}").toString();
    }

    static String table(Map<String, Map<String, Object>> report, String driver) {
        StringBuilder md = new StringBuilder(
                "| warm invocations at the agent | count | p50 ms | p90 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        report.forEach((row, f) -> md.append(
                String.format("| %s | %s | %s | %s | %s |%n", row, f.get("count"), f.get("p50"), f.get("p90"), f.get("p99"))));
        md.append("\n").append(driver).append("; ")
                .append(ROUNDS)
                .append(" rounds alternating between the two agents; paced: ")
                .append(PAUSE_MILLIS)
                .append(" ms before each (bench/freezer/run, ")
                .append(java.time.LocalDate.now())
                .append(").\n");
        return md.toString();
    }
}
