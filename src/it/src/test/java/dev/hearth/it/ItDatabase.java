package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ITs' PostgreSQL, which Hearth's database lives in: for a state no API call can make, such as an old record. */
final class ItDatabase {

    private static final String PG_PORT = ItSettings.required("hearth.it.pg.port");
    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));

    private ItDatabase() {}

    /** Runs SQL in Hearth's database as PostgreSQL's superuser. */
    static void sql(String statements) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
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
                        "ON_ERROR_STOP=1",
                        "-c",
                        statements)
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment()
                .put(
                        "PGPASSWORD",
                        Files.readString(IT_DIR.resolve("postgres-superuser.password"))
                                .strip());
        Process psql = builder.start();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, psql.waitFor(), output);
    }
}
