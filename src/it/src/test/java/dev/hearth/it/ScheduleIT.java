package dev.hearth.it;

import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.put;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A schedule through the real API: it runs its function at the next whole minute as the owner,
 * bad input is a 400, another developer sees none of it, and once deleted it runs no more.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduleIT {

    private static final String FUNCTION = "/functions/scheduled-hello";
    private static final String SCHEDULE = FUNCTION + "/schedules/every-minute";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void aScheduleRunsItsFunctionAsTheOwnerUntilItIsDeleted() throws Exception {
        HearthApi.Answer uploaded = put("dev", FUNCTION, "application/zip", Archives.example("hello-python"));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());

        Instant asked = Instant.now();
        HearthApi.Answer created = putSchedule("dev", "{\"cron\": \"* * * * *\", \"event\": {\"name\": \"schedule\"}}");
        assertEquals(201, created.status(), created.body());
        JsonObject schedule = created.json();
        assertEquals("UTC", schedule.getString("timezone"));
        Instant nextRun = Instant.parse(schedule.getString("nextRunAt"));
        assertEquals(nextRun.truncatedTo(ChronoUnit.MINUTES), nextRun, "a whole minute");
        assertTrue(nextRun.isAfter(asked) && !nextRun.isAfter(asked.plusSeconds(60)), asked + " → " + nextRun);

        JsonObject run = awaitActivation(nextRun.plusSeconds(70));
        assertEquals("dev", run.getString("caller"), "the run is the owner's: " + run);
        assertEquals("success", run.getString("status"), run.toString());
        assertTrue(run.getString("logTail").contains("greeting schedule"), "it got the schedule's event: " + run);
        assertEquals(
                nextRun.toString(),
                Instant.parse(get("dev", SCHEDULE).json().getString("lastRunAt"))
                        .toString(),
                "the slot it claimed");

        assertEquals(204, delete("dev", SCHEDULE).status());
        HearthApi.Answer gone = get("dev", SCHEDULE);
        assertEquals(404, gone.status(), gone.body());
        assertTrue(gone.body().contains("schedule-not-found"), gone.body());
        int runs = activations().size();
        // Past the next whole minute, with room for a run to be queued and to finish.
        Thread.sleep(
                Duration.between(Instant.now(), nextRun.plusSeconds(60 + 15)).toMillis());
        assertEquals(runs, activations().size(), "a deleted schedule runs no more");
    }

    @Test
    void badCronAndZoneAreRefusedAndAnotherDeveloperSeesNoSchedules() {
        HearthApi.Answer uploaded = put("dev", FUNCTION, "application/zip", Archives.example("hello-python"));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());

        for (String body : List.of(
                "{\"cron\": \"61 * * * *\"}",
                "{\"cron\": \"* * * *\"}",
                "{\"cron\": \"0 9 * * *\", \"timezone\": \"Mars/Base\"}")) {
            HearthApi.Answer refused =
                    put("dev", FUNCTION + "/schedules/bad", "application/json", body.getBytes(UTF_8));
            assertEquals(400, refused.status(), body + ": " + refused.body());
            assertTrue(refused.body().contains("invalid-schedule"), refused.body());
        }
        assertEquals(201, putSchedule("dev", "{\"cron\": \"0 0 1 1 *\"}").status());

        assertEquals(404, get("dev2", FUNCTION + "/schedules").status());
        assertEquals(404, get("dev2", SCHEDULE).status());
        assertEquals(404, putSchedule("dev2", "{\"cron\": \"* * * * *\"}").status());
        assertEquals(404, delete("dev2", SCHEDULE).status());
        assertEquals(403, get("invoker", FUNCTION + "/schedules").status());
        assertEquals(204, delete("dev", SCHEDULE).status());
    }

    private static HearthApi.Answer putSchedule(String user, String body) {
        return put(user, SCHEDULE, "application/json", body.getBytes(UTF_8));
    }

    /** Waits for the function's first finished activation. */
    private static JsonObject awaitActivation(Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject activation : activations()) {
                if (!List.of("queued", "running").contains(activation.getString("status", ""))) {
                    return activation;
                }
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no scheduled run by " + deadline + ": " + activations());
    }

    private static List<JsonObject> activations() {
        HearthApi.Answer listed = get("dev", FUNCTION + "/activations");
        assertEquals(200, listed.status(), listed.body());
        return HearthApi.parse(listed.body()).asJsonArray().getValuesAs(JsonObject.class);
    }
}
