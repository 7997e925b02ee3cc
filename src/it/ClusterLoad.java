import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * src/it/cluster-smoke's load and its checks on the activation records (run with {@code java
 * ClusterLoad.java}; JDK classes only).
 *
 * <pre>
 * load API SECONDS OUT USER=TOKEN_FILE=FUNCTION[,FUNCTION...]...
 *     one loop per function invoking it through the balancer for SECONDS, and one per user reading
 *     its functions in turn ({@code GET}), each answer a line of OUT:
 *     start-ms end-ms user invoke:function|read:function http-status activation-id|-
 * check API OUT KILL_MS DEAD_MS USER=TOKEN_FILE...
 *     every request that started once the killed member refused connections (DEAD_MS), and every
 *     one that ended before KILL_MS, answered 200; every 200's activation is readable by its user and a success; on each instance the
 *     activations have one owner and never overlap
 * dying PORT LOG
 *     a member as the balancer meets it while the member dies, on 127.0.0.1:PORT: /health/ready
 *     answers 200, any other request is read and its connection reset unanswered (its method and
 *     path a line of LOG)
 * </pre>
 *
 * <p>An invocation sent between the kill and DEAD_MS may fail as one in flight at the kill does:
 * the dying process's kernel still accepts connections while it tears the process down (tens to a
 * hundred milliseconds for a JVM) and resets them when it closes the port, so the balancer cannot
 * tell such a request from one the member was running (docs/adr/0044).
 */
public class ClusterLoad {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACTIVATION_ID = Pattern.compile("\"activationId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("load")) {
            load(args[1], Integer.parseInt(args[2]), Path.of(args[3]), List.of(args).subList(4, args.length));
        } else if (args.length >= 6 && args[0].equals("check")) {
            System.exit(check(
                    args[1],
                    Path.of(args[2]),
                    Long.parseLong(args[3]),
                    Long.parseLong(args[4]),
                    List.of(args).subList(5, args.length)));
        } else if (args.length == 3 && args[0].equals("dying")) {
            dying(Integer.parseInt(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: see the class comment of src/it/ClusterLoad.java");
            System.exit(2);
        }
    }

    private static void load(String api, int seconds, Path out, List<String> loads) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        List<Runnable> loops = new ArrayList<>();
        for (String load : loads) {
            String[] parts = load.split("=", 3);
            String token = Files.readString(Path.of(parts[1])).strip();
            List<String> functions = List.of(parts[2].split(","));
            for (String function : functions) {
                loops.add(() -> invokeUntil(end, api, parts[0], token, function, lines));
            }
            loops.add(() -> readUntil(end, api, parts[0], token, functions, lines));
        }
        ExecutorService threads = Executors.newFixedThreadPool(loops.size());
        loops.forEach(threads::execute);
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        Files.write(out, lines);
    }

    private static void invokeUntil(
            long end, String api, String user, String token, String function, ConcurrentLinkedQueue<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/functions/" + function + "/invocations"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        while (System.currentTimeMillis() < end) {
            if (!send(request, user, "invoke:" + function, lines)) {
                return;
            }
        }
    }

    /** Reads the user's functions in turn, a pause between reads, so that some meet the kill. */
    private static void readUntil(
            long end, String api, String user, String token, List<String> functions, ConcurrentLinkedQueue<String> lines) {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
            String function = functions.get(i % functions.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/functions/" + function))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .build();
            if (!send(request, user, "read:" + function, lines)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends one request and adds its line; false once interrupted. */
    private static boolean send(HttpRequest request, String user, String what, ConcurrentLinkedQueue<String> lines) {
        long started = System.currentTimeMillis();
        int status;
        String activation = "-";
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            status = answer.statusCode();
            Matcher id = ACTIVATION_ID.matcher(answer.body());
            if (status == 200 && what.startsWith("invoke:") && id.find()) {
                activation = id.group(1);
            }
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        lines.add(started + " " + System.currentTimeMillis() + " " + user + " " + what + " " + status + " " + activation);
        return true;
    }

    private static void dying(int port, Path log) throws IOException {
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket connection = listener.accept()) {
                    String head = new String(readHead(connection.getInputStream()), StandardCharsets.ISO_8859_1);
                    String[] requestLine = head.split(" ", 3);
                    if (requestLine.length == 3 && requestLine[1].equals("/health/ready")) {
                        connection.getOutputStream().write(
                                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                        .getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        Files.writeString(log, requestLine[0] + " " + (requestLine.length > 1 ? requestLine[1] : "") + "\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        connection.setSoLinger(true, 0); // closed with a reset, as by a process that died
                    }
                }
            }
        }
    }

    /** The bytes up to the end of a request's head (what a dying member's kernel took in). */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** One activation record as read back. */
    private record Activation(String id, String owner, String instanceId, OffsetDateTime startedAt, long busyMillis) {

        /** The latest moment the instance was still held by this activation as the records prove it. */
        OffsetDateTime heldUntil() {
            return startedAt.plusNanos(busyMillis * 1_000_000);
        }
    }

    private static int check(String api, Path out, long killMillis, long deadMillis, List<String> users)
            throws Exception {
        Map<String, String> tokens = new HashMap<>();
        for (String user : users) {
            String[] parts = user.split("=", 3);
            tokens.put(parts[0], Files.readString(Path.of(parts[1])).strip());
        }
        List<String> problems = new ArrayList<>();
        List<String[]> requests = Files.readAllLines(out).stream().map(l -> l.split(" ")).toList();
        // Per kind (invoke, read) and moment (in flight at the kill, started while the member died,
        // started after): how many, how many failed.
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String[]> answered = new ArrayList<>();
        for (String[] r : requests) {
            long started = Long.parseLong(r[0]);
            long ended = Long.parseLong(r[1]);
            statuses.merge(r[4], 1, Integer::sum);
            boolean read = r[3].startsWith("read:");
            boolean ok = r[4].equals("200") && (read || !r[5].equals("-"));
            if (ok && !read) {
                answered.add(r);
            }
            String moment = started < killMillis
                    ? (ended >= killMillis ? "in flight at the kill" : "before")
                    : (started < deadMillis ? "started while the member died" : "started after");
            int[] count = counts.computeIfAbsent((read ? "reads " : "invocations ") + moment, k -> new int[2]);
            count[0]++;
            count[1] += ok ? 0 : 1;
            // What the dying member had taken may fail: what it was running, and what was sent while
            // it died (the balancer sends such a read to another member when the member's connection
            // was closed, not when it was reset under a client connection used before: ADR 44).
            boolean mayFail = moment.startsWith("in flight") || moment.startsWith("started while");
            if (!ok && !mayFail) {
                problems.add(r[2] + "'s " + r[3] + " started at the kill " + String.format("%+d", started - killMillis)
                        + " ms and answered " + r[4]);
            }
        }
        List<Activation> activations = new ArrayList<>();
        for (String[] r : answered) {
            HttpResponse<String> record = HTTP.send(
                    HttpRequest.newBuilder(URI.create(api + "/activations/" + r[5]))
                            .header("Authorization", "Bearer " + tokens.get(r[2]))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (record.statusCode() != 200) {
                problems.add("activation " + r[5] + " (" + r[2] + "'s " + r[3] + ", answered 200) reads "
                        + record.statusCode());
                continue;
            }
            String body = record.body();
            if (!"success".equals(field(body, "status"))) {
                problems.add("activation " + r[5] + " is recorded as " + field(body, "status"));
            }
            activations.add(new Activation(
                    r[5],
                    field(body, "owner"),
                    field(body, "instanceId"),
                    OffsetDateTime.parse(field(body, "startedAt")),
                    Long.parseLong(field(body, "initMillis")) + Long.parseLong(field(body, "runMillis"))));
        }
        Map<String, List<Activation>> byInstance = new TreeMap<>();
        activations.forEach(a -> byInstance.computeIfAbsent(a.instanceId(), i -> new ArrayList<>()).add(a));
        for (Map.Entry<String, List<Activation>> instance : byInstance.entrySet()) {
            List<Activation> served = instance.getValue();
            served.sort(Comparator.comparing(Activation::startedAt));
            if (served.stream().map(Activation::owner).distinct().count() > 1) {
                problems.add("instance " + instance.getKey() + " served several owners");
            }
            // Recorded after the claim, the start of each lies after the end of the agent's work for
            // the one before (its init and run), which ends before that one's release.
            for (int i = 1; i < served.size(); i++) {
                Activation before = served.get(i - 1);
                Activation next = served.get(i);
                if (next.startedAt().isBefore(before.heldUntil())) {
                    problems.add("instance " + instance.getKey() + " ran " + next.id() + " (from " + next.startedAt()
                            + ") while it ran " + before.id() + " (until " + before.heldUntil() + ")");
                }
            }
        }
        StringBuilder summary = new StringBuilder("requests " + requests.size() + " by status " + statuses);
        counts.forEach((what, count) -> summary.append("; ").append(what).append(' ').append(count[0])
                .append(" (").append(count[1]).append(" failed)"));
        System.out.println(summary + "; activations read back " + activations.size() + " on " + byInstance.size()
                + " instances");
        problems.stream().limit(20).forEach(p -> System.out.println("PROBLEM " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    /** A string or number field of a flat JSON object (the activation record). */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|([-0-9.]+))").matcher(json);
        if (!value.find()) {
            throw new UncheckedIOException(new IOException("no " + name + " in " + json));
        }
        return value.group(2) != null ? value.group(2) : value.group(3);
    }

    private ClusterLoad() {}
}
