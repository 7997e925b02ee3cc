package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara is restarted while a user holds a warm instance and the warming pool is full: Hearth
 * rebuilds its pools from PostgreSQL and what the agent reports, so the user's instance is still
 * theirs and warm, the warming pool is the same, and no instance is leaked or known twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerRestartIT {

    private static final String FUNCTION = "restart-it-server";
    private static final String LEGACY = "restart-it-legacy";
    private static final Path IT_DIR = Path.of(System.getProperty("hearth.it.dir", "../../.hearth/it"));
    private static final Path ASADMIN = Path.of(ItSettings.required("payara.home"), "bin", "asadmin");

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @AfterEach
    void leaveNoPoolBehind() {
        Fleet.restoreDefaults();
    }

    @Test
    void aRestartedServerKeepsEveryInstanceOnceAndTheUsersWarmOneTheirs() throws Exception {
        Fleet.deployWithOneWarming(FUNCTION, 2);
        String devs = WarmingPoolIT.instanceOf("dev", WarmingPoolIT.invoke("dev", FUNCTION));
        Fleet.awaitOneWarming();
        Map<String, String> before = owners();

        restartPayara();

        Map<String, String> after = Fleet.await(
                ServerRestartIT::owners, known -> known.equals(before), Duration.ofSeconds(60), "the same instances");
        assertEquals("dev", after.get(devs), "dev's instance is still dev's");
        List<String> ids =
                Fleet.instances().stream().map(i -> i.getString("instanceId")).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "each instance once: " + ids);

        HearthApi.Answer again = WarmingPoolIT.invoke("dev", FUNCTION);
        assertEquals("warm", again.json().getString("startKind"), again.body());
        assertEquals(devs, WarmingPoolIT.instanceOf("dev", again), "served by the same instance as before");
        assertEquals(before.keySet(), owners().keySet(), "no instance was booted or lost");
    }

    /**
     * A database of a version before functions had an identity: on start, each function gets one
     * with its own records, and a record left by an earlier function of the same name (another
     * owner's) is deleted.
     */
    @Test
    void recordsOfAnOlderDatabaseStayTheirFunctionsAndNoOneElses() throws Exception {
        HearthApi.delete("dev", "/functions/" + LEGACY);
        assertEquals(
                201,
                HearthApi.put("dev", "/functions/" + LEGACY, "application/zip", Archives.example("hello-python"))
                        .status());
        String devs = WarmingPoolIT.invoke("dev", LEGACY).json().getString("activationId");
        ItDatabase.sql("UPDATE hearth_function SET function_id = NULL WHERE name = '" + LEGACY + "';"
                + " UPDATE hearth_activation SET function_id = NULL WHERE function_name = '" + LEGACY + "';"
                + " INSERT INTO hearth_activation (id, function_name, owner_name, caller_name, instance_id, host_id,"
                + " start_kind, status, started_at, init_ms, run_ms, duration_ms, log_tail) VALUES ('" + LEGACY
                + "-before', '" + LEGACY + "', 'dev2', 'dev2', 'i-0', 'local', 'cold', 'success',"
                + " now() - interval '1 day', 0, 0, 0, 'the previous owner''s log tail');");

        restartPayara();

        HearthApi.Answer listed = HearthApi.get("dev", "/functions/" + LEGACY + "/activations");
        assertEquals(200, listed.status(), listed.body());
        assertEquals(
                List.of(devs),
                HearthApi.parse(listed.body()).asJsonArray().stream()
                        .map(a -> a.asJsonObject().getString("id"))
                        .toList(),
                "dev's own activation, and not the previous owner's");
        assertEquals(
                404,
                HearthApi.get("admin", "/activations/" + LEGACY + "-before").status(),
                "deleted");
        WarmingPoolIT.invoke("dev", LEGACY);
        assertEquals(
                2,
                HearthApi.parse(HearthApi.get("dev", "/functions/" + LEGACY + "/activations")
                                .body())
                        .asJsonArray()
                        .size());
        assertEquals(204, HearthApi.delete("dev", "/functions/" + LEGACY).status());
    }

    /** Instance id to owner (empty for the warming pool), of every instance Hearth knows. */
    private static Map<String, String> owners() {
        return Fleet.instances().stream()
                .collect(Collectors.toMap(
                        i -> i.getString("instanceId"),
                        (JsonObject i) -> !i.containsKey("owner") || i.isNull("owner") ? "" : i.getString("owner")));
    }

    /** As the user that owns and runs the domain (./hearth's service user), with the admin password. */
    private static void restartPayara() throws IOException, InterruptedException {
        Path domains = IT_DIR.resolve("payara");
        Process restart = new ProcessBuilder(
                        "runuser",
                        "-u",
                        Files.getOwner(domains).getName(),
                        "--",
                        ASADMIN.toString(),
                        "--user",
                        "admin",
                        "--passwordfile",
                        IT_DIR.resolve("payara-admin.password").toString(),
                        "restart-domain",
                        "--domaindir",
                        domains.toString(),
                        "hearth")
                .redirectErrorStream(true)
                .redirectOutput(IT_DIR.resolve("logs/server-restart-it.log").toFile())
                .start();
        assertEquals(0, restart.waitFor(), "asadmin restart-domain (see logs/server-restart-it.log)");
        Fleet.await(ServerRestartIT::apiStatus, status -> status == 200, Duration.ofSeconds(120), "the API back");
    }

    private static int apiStatus() {
        try {
            return HearthApi.get("dev", "/functions").status();
        } catch (UncheckedIOException notYetListening) {
            return 0;
        }
    }
}
