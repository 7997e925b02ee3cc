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
 * The instance drivers measured at running host agents (started by bench/drivers/run): for each
 * driver (sandbox with bwrap, sandbox with runc, qemu), N warming-pool instances (no owner: a
 * sandbox holds stem cells) booted one after another, each given a first and a few warm
 * invocations of examples/hello-python, its processes' memory read
 * from /proc, and then destroyed. The first agent runs bwrap and qemu, the second runc (a
 * container runtime is an agent's setting). Loopback only; every loop is bounded. Single-file
 * program: java DriverBench.java AGENT_URL RUNC_AGENT_URL SECRET_FILE REPO BOOTS.
 */
public class DriverBench {

    static final int WARM_INVOCATIONS = 20;
    /** The table's name of each row: driver, container runtime, isolation. */
    static final Map<String, String> ROWS = Map.of(
            "sandbox", "sandbox, bwrap (sandbox)", "sandbox-runc", "sandbox, runc (sandbox)", "vm", "qemu (vm)");
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*(\"[^\"]*\"|[-0-9.]+|true|false|null)");

    final HttpClient http = HttpClient.newHttpClient();
    final String agent;
    final String secret;

    DriverBench(String agent, String secret) {
        this.agent = agent;
        this.secret = secret;
    }

    public static void main(String[] args) throws Exception {
        String secret = Files.readString(Path.of(args[2])).strip();
        Path repo = Path.of(args[3]);
        int boots = Integer.parseInt(args[4]);
        DriverBench bench = new DriverBench(args[0], secret);
        DriverBench runc = new DriverBench(args[1], secret);
        byte[] hello = zip(repo.resolve("examples/hello-python"));
        String sha = bench.upload(hello);
        runc.upload(hello);
        Map<String, Map<String, Object>> report = new LinkedHashMap<>();
        report.put("sandbox", bench.measure("sandbox", sha, boots));
        report.put("sandbox-runc", runc.measure("sandbox", sha, boots));
        report.put("vm", bench.measure("vm", sha, boots));
        report.forEach((row, figures) -> System.out.println(row + ": " + figures));
        String json = toJson(report);
        Files.writeString(repo.resolve("bench/drivers/report.json"), json + "\n");
        String table = table(report, boots);
        Files.writeString(repo.resolve("bench/drivers/report.md"), table);
        for (Path doc : List.of(repo.resolve("README.md"), repo.resolve("docs/performance.md"))) {
            String text = Files.readString(doc);
            String start = "<!-- drivers:table -->\n";
            String end = "<!-- /drivers:table -->";
            if (text.contains(start) && text.contains(end)) {
                Files.writeString(
                        doc,
                        text.substring(0, text.indexOf(start) + start.length()) + table
                                + text.substring(text.indexOf(end)));
            }
        }
        System.out.print(table);
    }

    Map<String, Object> measure(String isolation, String sha, int boots) throws Exception {
        List<Double> bootWall = new ArrayList<>();
        List<Double> bootAgent = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> pss = new ArrayList<>();
        for (int i = 0; i < boots; i++) {
            long started = System.nanoTime();
            Map<String, String> view = fields(send(
                    "POST",
                    "/v1/instances",
                    "{\"owner\":null,\"runtime\":\"python3\",\"isolation\":\"" + isolation + "\"}",
                    201));
            bootWall.add(millisSince(started));
            String id = view.get("instanceId");
            bootAgent.add(Double.parseDouble(view.get("bootMillis")));
            try {
                started = System.nanoTime();
                invoke(id, sha);
                cold.add(millisSince(started));
                for (int w = 0; w < WARM_INVOCATIONS; w++) {
                    started = System.nanoTime();
                    invoke(id, sha);
                    warm.add(millisSince(started));
                }
                long[] memory = memoryOf(isolation, id);
                rss.add(memory[0] / 1024.0);
                pss.add(memory[1] / 1024.0);
            } finally {
                send("DELETE", "/v1/instances/" + id, null, 204);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("boots", boots);
        figures.put("bootMillisP50", percentile(bootWall, 50));
        figures.put("bootMillisP90", percentile(bootWall, 90));
        figures.put("agentBootMillisP50", percentile(bootAgent, 50));
        figures.put("firstInvocationMillisP50", percentile(cold, 50));
        figures.put("warmInvocationMillisP50", percentile(warm, 50));
        figures.put("rssMbP50", percentile(rss, 50));
        figures.put("pssMbP50", percentile(pss, 50));
        return figures;
    }

    void invoke(String id, String sha) throws Exception {
        String body = "{\"functionName\":\"bench\",\"codeSha256\":\"" + sha + "\",\"runtime\":\"python3\","
                + "\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\",\"path\":\".\",\"handler\":"
                + "\"app.handler\",\"trustLevel\":\"untrusted\"}],\"environment\":{},\"limits\":{\"memoryMb\":128,"
                + "\"timeoutMillis\":30000,\"maxProcesses\":32,\"tmpMb\":16},\"event\":\"{}\"}";
        String status = fields(send("POST", "/v1/instances/" + id + "/invocations", body, 200)).get("status");
        if (!"success".equals(status)) {
            throw new IllegalStateException("invocation on " + id + " ended " + status);
        }
    }

    /**
     * Resident and proportional memory (KiB) of the instance's processes: a sandbox's are those in
     * its pids cgroup (runtime, bwrap, relay) and those that name it outside (a runc waiting for its
     * container); a VM's is its QEMU process.
     */
    static long[] memoryOf(String isolation, String id) throws IOException {
        List<Long> pids = new ArrayList<>();
        if (isolation.equals("sandbox")) {
            try (Stream<Path> tree = Files.walk(Path.of("/sys/fs/cgroup/pids/hearth", id))) {
                for (Path procs : tree.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                    Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
                }
            }
            try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                for (Path p : proc.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    try {
                        long pid = Long.parseLong(p.getFileName().toString());
                        if (!pids.contains(pid) && Files.readString(p.resolve("cmdline")).contains(id + "-c")) {
                            pids.add(pid);
                        }
                    } catch (IOException e) {
                        // ended meanwhile
                    }
                }
            }
        } else {
            try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                for (Path p : proc.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    try {
                        if (Files.readString(p.resolve("cmdline")).contains("/qemu/instances/" + id + "/")) {
                            pids.add(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException e) {
                        // ended meanwhile
                    }
                }
            }
        }
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts[0].equals("Rss:")) {
                    rss += Long.parseLong(parts[1]);
                } else if (parts[0].equals("Pss:")) {
                    pss += Long.parseLong(parts[1]);
                }
            }
        }
        return new long[] {rss, pss};
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
                                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
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

    static double millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 10) / 10.0;
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
        report.forEach((driver, figures) -> {
            json.append(json.length() > 1 ? ",\n " : "\n ").append('"').append(driver).append("\": {");
            List<String> parts = new ArrayList<>();
            figures.forEach((k, v) -> parts.add("\"" + k + "\": " + v));
            json.append(String.join(", ", parts)).append('}');
        });
        return json.append("\n}").toString();
    }

    static String table(Map<String, Map<String, Object>> report, int boots) {
        StringBuilder md = new StringBuilder(
                "| driver (isolation) | boot p50 | boot p90 | first invocation p50 | warm invocation p50 |"
                        + " RSS per instance | PSS per instance |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        report.forEach((row, f) -> md.append(String.format(
                "| %s | %s ms | %s ms | %s ms | %s ms | %s MB | %s MB |%n",
                ROWS.get(row),
                f.get("bootMillisP50"),
                f.get("bootMillisP90"),
                f.get("firstInvocationMillisP50"),
                f.get("warmInvocationMillisP50"),
                f.get("rssMbP50"),
                f.get("pssMbP50"))));
        md.append("\n").append(boots).append(" instances per driver, booted one after another; ")
                .append(WARM_INVOCATIONS)
                .append(" warm invocations each (bench/drivers/run, ")
                .append(java.time.LocalDate.now())
                .append(").\n");
        return md.toString();
    }
}
