import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a claim in PostgreSQL would cost each invocation (ADR 26): on a table shaped like {@code
 * hearth_instance} plus a busy mark, one invocation's claim ({@code UPDATE … WHERE instance_id =
 * (SELECT … FOR UPDATE SKIP LOCKED) RETURNING}) and release ({@code UPDATE}), each its own
 * auto-committed statement: the two round trips a member would add to the warm path. Every
 * thread claims for the same owner and code, as the warm bench's concurrent clients do, so the
 * threads contend for the same rows as they would. Plain JDBC on one connection per thread: a
 * lower bound for what Payara's pool and JTA would add. Started by {@code bench/claims/run}.
 * Prints percentiles in milliseconds; no assertion.
 *
 * <p>Arguments: JDBC_URL USER PASSWORD.
 */
public final class ClaimBench {

    private static final int OWNER_INSTANCES = 64;
    private static final int OTHER_INSTANCES = 192;
    private static final int WARM_UP_PAIRS = 3_000;
    private static final int MEASURED_PAIRS = 8_000;
    private static final String CODE = "c0ffee".repeat(10) + "c0de";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            createTable(c);
        }
        System.out.printf("%-40s %8s %8s %8s %8s %8s %10s%n",
                "claim + release", "pairs", "p50", "p90", "p99", "max", "pairs/s");
        for (int threads : new int[] {1, 16, 1, 16}) {
            run(url, user, password, threads, WARM_UP_PAIRS, false);
            run(url, user, password, threads, MEASURED_PAIRS, true);
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_instance");
            s.execute("CREATE TABLE bench_instance ("
                    + " instance_id varchar(128) PRIMARY KEY,"
                    + " host_id varchar(128) NOT NULL,"
                    + " member_name varchar(128),"
                    + " owner_name varchar(255),"
                    + " runtime_id varchar(32) NOT NULL,"
                    + " isolation varchar(16),"
                    + " code_sha256 varchar(64),"
                    + " created_at timestamptz NOT NULL,"
                    + " busy_since timestamptz,"
                    + " last_used timestamptz)");
            s.execute("CREATE INDEX bench_instance_idle ON bench_instance (owner_name, code_sha256)"
                    + " WHERE busy_since IS NULL");
            // The bench user's warm instances, then other users' and the warming pool's.
            s.execute("INSERT INTO bench_instance (instance_id, host_id, member_name, owner_name, runtime_id,"
                    + " isolation, code_sha256, created_at, last_used)"
                    + " SELECT md5(i::text), 'host-' || (i % 4), 'member-' || (i % 2), 'dev', 'python3',"
                    + " 'sandbox', '" + CODE + "', now(), now() FROM generate_series(1, " + OWNER_INSTANCES + ") i");
            s.execute("INSERT INTO bench_instance (instance_id, host_id, member_name, owner_name, runtime_id,"
                    + " isolation, code_sha256, created_at, last_used)"
                    + " SELECT md5(i::text), 'host-' || (i % 4), 'member-' || (i % 2),"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'user-' || (i % 20) END, 'python3', 'sandbox',"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE md5((i % 20)::text) || md5('x') END, now(), now()"
                    + " FROM generate_series(" + (OWNER_INSTANCES + 1) + ", " + (OWNER_INSTANCES + OTHER_INSTANCES)
                    + ") i");
            s.execute("ANALYZE bench_instance");
        }
    }

    private static void run(String url, String user, String password, int threads, int pairs, boolean report)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int perThread = pairs / threads;
            results.add(pool.submit(() -> claimAndRelease(url, user, password, perThread, start)));
        }
        long began = System.nanoTime();
        start.countDown();
        List<Long> nanos = new ArrayList<>();
        long misses = 0;
        for (Future<long[]> result : results) {
            for (long n : result.get()) {
                if (n < 0) {
                    misses++;
                } else {
                    nanos.add(n);
                }
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        if (!report) {
            return;
        }
        Collections.sort(nanos);
        System.out.printf("%-40s %8d %8.3f %8.3f %8.3f %8.3f %10.0f%n",
                "concurrency " + threads + " (no idle instance: " + misses + ")",
                nanos.size(), ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), ms(nanos, 1.0),
                nanos.size() / seconds);
    }

    /** Each pair's time in nanoseconds, negative when the claim found no idle instance. */
    private static long[] claimAndRelease(String url, String user, String password, int pairs, CountDownLatch start)
            throws Exception {
        long[] nanos = new long[pairs];
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement claim = c.prepareStatement("UPDATE bench_instance SET busy_since = now()"
                        + " WHERE instance_id = (SELECT instance_id FROM bench_instance"
                        + " WHERE owner_name = ? AND code_sha256 = ? AND busy_since IS NULL"
                        + " ORDER BY last_used DESC LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING instance_id");
                PreparedStatement release = c.prepareStatement(
                        "UPDATE bench_instance SET busy_since = NULL, last_used = now() WHERE instance_id = ?")) {
            c.setAutoCommit(true);
            claim.setString(1, "dev");
            claim.setString(2, CODE);
            start.await();
            for (int i = 0; i < pairs; i++) {
                long began = System.nanoTime();
                String instance = null;
                try (ResultSet rs = claim.executeQuery()) {
                    if (rs.next()) {
                        instance = rs.getString(1);
                    }
                }
                if (instance == null) {
                    nanos[i] = -1;
                    continue;
                }
                release.setString(1, instance);
                release.executeUpdate();
                nanos[i] = System.nanoTime() - began;
            }
        }
        return nanos;
    }

    private static double ms(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
