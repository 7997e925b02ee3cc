package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {

    private static final int JEQ_K = 0x15;
    private static final int RET_K = 0x06;
    private static final int RET_ERRNO = 0x00050000;

    /** The BPF program's (syscall number → errno) denials, read back from its instructions. */
    private static Map<Integer, Integer> bpfDenials() {
        ByteBuffer bpf = ByteBuffer.wrap(SeccompFilter.program()).order(ByteOrder.nativeOrder());
        Map<Integer, Integer> denials = new HashMap<>();
        int previousCode = -1;
        int previousK = 0;
        while (bpf.hasRemaining()) {
            int code = bpf.getShort();
            bpf.get();
            bpf.get();
            int k = bpf.getInt();
            if (code == RET_K && previousCode == JEQ_K && (k & 0xffff0000) == RET_ERRNO) {
                denials.putIfAbsent(previousK, k & 0xffff);
            }
            previousCode = code;
            previousK = k;
        }
        return denials;
    }

    /** The OCI form's (name → errno) denials of calls that it denies whatever their arguments. */
    private static Map<String, Integer> ociDenials() {
        Map<String, Integer> denials = new HashMap<>();
        for (JsonObject rule : SeccompFilter.oci().getJsonArray("syscalls").getValuesAs(JsonObject.class)) {
            assertEquals("SCMP_ACT_ERRNO", rule.getString("action"));
            if (!rule.containsKey("args")) {
                for (JsonString name : rule.getJsonArray("names").getValuesAs(JsonString.class)) {
                    assertEquals(null, denials.put(name.getString(), rule.getInt("errnoRet")), name.getString());
                }
            }
        }
        return denials;
    }

    @Test
    void bothFormsDenyTheSameCallsWithTheSameErrno() {
        Map<Integer, Integer> byNumber = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (SeccompFilter.Denial denial : SeccompFilter.DENIALS) {
            assertEquals(null, byNumber.put(denial.number(), denial.errno()), "twice: " + denial);
            assertEquals(null, byName.put(denial.name(), denial.errno()), "twice: " + denial);
        }

        assertEquals(byNumber, bpfDenials());
        assertEquals(byName, ociDenials());
    }

    @Test
    void clone3AndIoUringAnswerEnosysSoThatGlibcFallsBack() {
        for (String name : List.of("clone3", "io_uring_setup", "io_uring_enter", "io_uring_register")) {
            assertEquals(SeccompFilter.ENOSYS, ociDenials().get(name), name);
        }
        assertEquals(SeccompFilter.ENOSYS, bpfDenials().get(435));
        assertEquals(SeccompFilter.EPERM, ociDenials().get("unshare"));
    }

    @Test
    void cloneWithAnyNamespaceFlagIsDeniedInTheOciForm() {
        List<JsonObject> cloneRules =
                SeccompFilter.oci().getJsonArray("syscalls").getValuesAs(JsonObject.class).stream()
                        .filter(rule -> rule.containsKey("args"))
                        .toList();

        assertEquals(SeccompFilter.CLONE_NAMESPACE_FLAGS.size(), cloneRules.size());
        for (JsonObject rule : cloneRules) {
            JsonObject arg = rule.getJsonArray("args").getJsonObject(0);
            assertEquals(
                    List.of("clone"),
                    rule.getJsonArray("names").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString)
                            .toList());
            assertEquals(SeccompFilter.EPERM, rule.getInt("errnoRet"));
            assertEquals("SCMP_CMP_MASKED_EQ", arg.getString("op"));
            assertEquals(arg.getJsonNumber("value"), arg.getJsonNumber("valueTwo"), "all of the flag's bits set");
            assertTrue(SeccompFilter.CLONE_NAMESPACE_FLAGS.contains(arg.getInt("value")));
        }
    }

    @Test
    void allowsTheRestOnX8664Only() {
        JsonObject oci = SeccompFilter.oci();

        assertEquals("SCMP_ACT_ALLOW", oci.getString("defaultAction"));
        assertEquals(
                List.of("SCMP_ARCH_X86_64"),
                oci.getJsonArray("architectures").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
    }
}
