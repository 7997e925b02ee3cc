package dev.hearth.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records carry no JSON-B annotation: JSON-B must read each through its one constructor, as
 * the adapter and the agent do with the JSON-B they each have.
 */
class WireJsonbTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Test
    void anInvokeRequestArrivesAsItWasSent() {
        InvokeRequest sent = WireExamples.everyComponent();

        assertEquals(sent, JSONB.fromJson(JSONB.toJson(sent), InvokeRequest.class));
    }

    @Test
    void fieldsAnOlderSenderLeavesOutReadAsTheShorterFormsMakeThem() {
        String older = "{\"invocationId\":\"inv-1\",\"functionName\":\"hello\",\"codeSha256\":\"ab12\","
                + "\"runtime\":\"python3\",\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\","
                + "\"path\":\"main\",\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}],"
                + "\"limits\":{\"memoryMb\":128,\"timeoutMillis\":10000,\"maxProcesses\":16,\"tmpMb\":64},"
                + "\"event\":\"{}\",\"egressAllowList\":[]}";

        assertEquals(
                InvokeRequest.withoutAuxiliaryServices(
                        "inv-1",
                        "hello",
                        "ab12",
                        "python3",
                        "main",
                        List.of(PortionSpec.of("main", "main", "app.handler", "untrusted")),
                        null,
                        ResourceLimits.of(128, 10_000, 16, 64),
                        "{}",
                        null,
                        List.of()),
                JSONB.fromJson(older, InvokeRequest.class));
    }

    @Test
    void theMemberThatBootsAnInstanceComesBackInItsListing() {
        CreateInstanceRequest sent = new CreateInstanceRequest(null, "python3", "sandbox", "hearth-1");
        InstanceView listed = new InstanceView("ab12", "host-a", null, "python3", "sandbox", "ready", 40, "hearth-1");

        assertEquals(sent, JSONB.fromJson(JSONB.toJson(sent), CreateInstanceRequest.class));
        assertEquals(listed, JSONB.fromJson(JSONB.toJson(listed), InstanceView.class));
    }

    @Test
    void anOlderAgentsListingReadsWithoutAMember() {
        String older = "[{\"instanceId\":\"ab12\",\"hostId\":\"host-a\",\"runtime\":\"python3\","
                + "\"isolation\":\"sandbox\",\"state\":\"ready\",\"bootMillis\":40}]";

        InstanceView[] listed = JSONB.fromJson(older, InstanceView[].class);

        assertEquals(
                List.of(new InstanceView("ab12", "host-a", null, "python3", "sandbox", "ready", 40, null)),
                List.of(listed));
    }
}
