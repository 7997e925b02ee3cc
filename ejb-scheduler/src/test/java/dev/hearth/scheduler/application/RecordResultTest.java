package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RecordResultTest {

    @Test
    void aLineHoldsIndexActivationStatusAndResult() {
        JsonObject line = parse(
                new RecordResult(7, "a-1", "success", JsonText.of("{\n  \"n\": 7,\r\n  \"s\": \"a\\nb\"\n}")).line());
        assertEquals(7, line.getInt("index"));
        assertEquals("a-1", line.getString("activationId"));
        assertEquals("success", line.getString("status"));
        assertEquals(7, line.getJsonObject("result").getInt("n"));
        assertEquals("a\nb", line.getJsonObject("result").getString("s"));
    }

    @Test
    void aResultWrittenOverSeveralLinesTakesOneLine() {
        String line = new RecordResult(0, "a-1", "success", JsonText.of("[\n1,\n2\n]")).line();
        assertEquals(1, line.lines().count(), line);
        assertEquals(2, parse(line).getJsonArray("result").getInt(1));
    }

    @Test
    void aRecordHearthRefusedHasNoActivation() {
        JsonObject line = parse(new RecordResult(0, null, "too-many-requests", JsonText.string("busy")).line());
        assertEquals(JsonValue.NULL, line.get("activationId"));
        assertEquals("busy", line.getString("result"));
    }

    @Test
    void chunksWrittenOneAfterTheOtherAreOneGzipFileOfAllLinesInOrder() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(RecordResult.gzipMember(List.of(result(0), result(1))));
        file.write(RecordResult.gzipMember(List.of(result(2))));

        List<String> lines;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.toByteArray()))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        assertEquals(
                List.of(0, 1, 2),
                lines.stream().map(l -> parse(l).getInt("index")).toList());
    }

    private static RecordResult result(int index) {
        return new RecordResult(index, "a-" + index, "success", JsonText.NULL);
    }

    private static JsonObject parse(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
