import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     one loop per function invoking it through the balancer for SECONDS, each answer a line of OUT:
 *     start-ms end-ms user function http-status activation-id
 * check API OUT KILL_MS USER=TOKEN_FILE...
 *     every request that started after KILL_MS answered 200; every 200's activation is readable by
 *     its user and a success; on each instance the activations have one owner and never overlap
 * </pre>
 */
public class ClusterLoad {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACTIVATION_ID = Pattern.compile("\"activationId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("load")) {
            load(args[1], Integer.parseInt(args[2]), Path.of(args[3]), List.of(args).subList(4, args.length));
        } else if (args.length >= 5 && args[0].equals("check")) {
            System.exit(check(args[1], Path.of(args[2]), Long.parseLong(args[3]), List.of(args).subList(4, args.length)));
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
            for (String function : parts[2].split(",")) {
                loops.add(() -> invokeUntil(end, api, parts[0], token, function, lines));
            }
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
            long started = System.currentTimeMillis();
            int status;
            String activation = "-";
            try {
                HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                Matcher id = ACTIVATION_ID.matcher(answer.body());
                if (status == 200 && id.find()) {
                    activation = id.group(1);
                }
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            lines.add(started + " " + System.currentTimeMillis() + " " + user + " " + function + " " + status + " "
                    + activation);
        }
    }

    /** One activation record as read back. */
    private record Activation(String id, String owner, String instanceId, OffsetDateTime startedAt, long busyMillis) {

        /** The latest moment the instance was still held by this activation as the records prove it. */
        OffsetDateTime heldUntil() {
            return startedAt.plusNanos(busyMillis * 1_000_000);
        }
    }

    private static int check(String api, Path out, long killMillis, List<String> users) throws Exception {
        Map<String, String> tokens = new HashMap<>();
        for (String user : users) {
            String[] parts = user.split("=", 3);
            tokens.put(parts[0], Files.readString(Path.of(parts[1])).strip());
        }
        List<String> problems = new ArrayList<>();
        List<String[]> requests = Files.readAllLines(out).stream().map(l -> l.split(" ")).toList();
        int inFlight = 0;
        int inFlightFailed = 0;
        int after = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        List<String[]> answered = new ArrayList<>();
        for (String[] r : requests) {
            long started = Long.parseLong(r[0]);
            long ended = Long.parseLong(r[1]);
            boolean ok = r[4].equals("200") && !r[5].equals("-");
            statuses.merge(r[4], 1, Integer::sum);
            if (ok) {
                answered.add(r);
            }
            if (started < killMillis && ended >= killMillis) {
                inFlight++;
                inFlightFailed += ok ? 0 : 1;
            } else if (started >= killMillis) {
                after++;
                if (!ok) {
                    problems.add(r[2] + "'s " + r[3] + " started " + (started - killMillis) + " ms after the kill and"
                            + " answered " + r[4]);
                }
            } else if (!ok) {
                problems.add(r[2] + "'s " + r[3] + " ended before the kill and answered " + r[4]);
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
        System.out.println("requests " + requests.size() + " by status " + statuses + "; in flight at the kill "
                + inFlight + " (" + inFlightFailed + " failed); started after it " + after + "; activations read back "
                + activations.size() + " on " + byInstance.size() + " instances");
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
