package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The ITs' PostgreSQL, which Hearth's database lives in: for a state no API call can make, such as an old record. */
final class ItDatabase {

    private static final String PG_PORT = ItSettings.required("hearth.it.pg.port");
    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));

    private ItDatabase() {}

    /** Moves the activations {@code days} back in time; the days (UTC) they now lie on. */
    static List<LocalDate> makeOld(List<String> ids, int days) throws IOException, InterruptedException {
        List<LocalDate> moved = ids.stream()
                .map(id -> OffsetDateTime.parse(HearthApi.get("admin", "/activations/" + id)
                                .json()
                                .getString("startedAt"))
                        .minusDays(days)
                        .atZoneSameInstant(ZoneOffset.UTC)
                        .toLocalDate())
                .distinct()
                .toList();
        sql("UPDATE hearth_activation SET started_at = started_at - interval '" + days + " days' WHERE id IN ("
                + quoted(ids) + ")");
        return moved;
    }

    /** The ids as a list of SQL string literals. */
    static String quoted(List<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    /** Runs SQL in Hearth's database as PostgreSQL's superuser. */
    static void sql(String statements) throws IOException, InterruptedException {
        psql(statements);
    }

    /** The first column of what the query finds, each value as text. */
    static List<String> column(String query) throws IOException, InterruptedException {
        return psql(query, "-tA").lines().toList();
    }

    /** What psql prints for the SQL, run with these options besides; a failure fails the test. */
    private static String psql(String sql, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "psql",
                "-w",
                "-h",
                "127.0.0.1",
                "-p",
                PG_PORT,
                "-U",
                "postgres",
                "-d",
                "hearth",
                "-v",
                "ON_ERROR_STOP=1"));
        command.addAll(List.of(options));
        command.add("-c");
        command.add(sql);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment()
                .put(
                        "PGPASSWORD",
                        Files.readString(IT_DIR.resolve("postgres-superuser.password"))
                                .strip());
        Process psql = builder.start();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, psql.waitFor(), output);
        return output;
    }
}
