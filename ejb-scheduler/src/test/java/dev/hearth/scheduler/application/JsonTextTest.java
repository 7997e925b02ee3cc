package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void jsonStaysAsTheFunctionWroteItOtherTextBecomesAJsonStringAndNothingNull() {
        assertEquals(
                "{ \"n\" : [1, 2.50, -0e3] }\n",
                JsonText.of("{ \"n\" : [1, 2.50, -0e3] }\n").json());
        assertEquals("42", JsonText.of("42").json());
        assertEquals("\"plain text\"", JsonText.of("plain text").json());
        assertEquals("\"[1,\"", JsonText.of("[1,").json());
        assertEquals("\"{\\\"a\\\":1} {}\"", JsonText.of("{\"a\":1} {}").json());
        // A line end within a string must be escaped: unescaped it is not JSON.
        assertEquals("\"\\\"a\\nb\\\"\"", JsonText.of("\"a\nb\"").json());
        assertSame(JsonText.NULL, JsonText.of(""));
        assertSame(JsonText.NULL, JsonText.of(null));
        assertEquals("\"42\"", JsonText.string("42").json());
    }

    @Test
    void aLargeArrayOfNumbersIsCheckedWithMemoryInProportionToItsSize() {
        // What Python's json.dumps([0] * 2_000_000) writes (5.7 MiB): ~72 MiB as a JSON-P tree.
        String answer = "[0" + ", 0".repeat(2_000_000 - 1) + "]";
        JsonText.of("[0,0]"); // the provider and parser classes loaded before measuring

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        JsonText text = JsonText.of(answer);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertSame(answer, text.json(), "passed on as it is, not copied");
        assertTrue(
                allocated < 4L * answer.length(),
                allocated + " bytes allocated to check " + answer.length() + " characters");
    }
}
