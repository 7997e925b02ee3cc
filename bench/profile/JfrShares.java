import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a Payara recording's CPU went, as shares of the execution samples of its HTTP threads:
 * {@code java bench/profile/JfrShares.java RECORDING [MARKER] [LABEL=REGEX ...]}.
 *
 * <p>With MARKER (a regular expression over "class.method" frames) only the samples taken while
 * some sample of an HTTP thread within the same 100 ms held such a frame count: the phase of the
 * bench that MARKER's requests ran in (e.g. {@code InvocationResource\.invoke} for the warm path
 * at concurrency 16, which dominates its window). Each LABEL is then the share of those samples
 * with a frame matching REGEX anywhere in the stack (inclusive); the 25 frames most often on top
 * follow (self). {@code bench/run} with {@code HEARTH_BENCH_JFR} writes such a recording.
 */
public class JfrShares {

    private static final String HTTP_THREADS = "http-thread-pool";
    private static final long WINDOW_NANOS = 100_000_000L;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrShares.java RECORDING [MARKER] [LABEL=REGEX ...]");
            System.exit(2);
        }
        Pattern marker = args.length > 1 ? Pattern.compile(args[1]) : null;
        Map<String, Pattern> labels = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            labels.put(pair[0], Pattern.compile(pair[1]));
        }
        List<List<String>> stacks = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        Set<Long> markedWindows = new HashSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getThread("sampledThread") == null
                    || event.getThread("sampledThread").getJavaName() == null
                    || !event.getThread("sampledThread").getJavaName().startsWith(HTTP_THREADS)
                    || event.getStackTrace() == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
            long time = event.getStartTime().getEpochSecond() * 1_000_000_000L + event.getStartTime().getNano();
            stacks.add(frames);
            times.add(time);
            if (marker != null && frames.stream().anyMatch(f -> marker.matcher(f).find())) {
                markedWindows.add(time / WINDOW_NANOS);
            }
        }
        List<List<String>> counted = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            if (marker == null || markedWindows.contains(times.get(i) / WINDOW_NANOS)) {
                counted.add(stacks.get(i));
            }
        }
        System.out.printf(Locale.ROOT, "samples of %s threads: %d counted of %d%n", HTTP_THREADS, counted.size(), stacks.size());
        for (Map.Entry<String, Pattern> label : labels.entrySet()) {
            long with = counted.stream()
                    .filter(s -> s.stream().anyMatch(f -> label.getValue().matcher(f).find()))
                    .count();
            System.out.printf(Locale.ROOT, "%6.1f %%  %s%n", 100.0 * with / Math.max(1, counted.size()), label.getKey());
        }
        Map<String, Integer> top = new HashMap<>();
        counted.stream().filter(s -> !s.isEmpty()).forEach(s -> top.merge(s.get(0), 1, Integer::sum));
        System.out.println("most often on top:");
        top.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf(
                        Locale.ROOT, "%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, counted.size()), e.getKey()));
    }
}
