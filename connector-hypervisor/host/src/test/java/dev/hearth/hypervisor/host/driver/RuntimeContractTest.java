package dev.hearth.hypervisor.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeContractTest {

    private static Workload workload(String runtime, String path, boolean trusted) {
        return new Workload(
                runtime,
                "front",
                RuntimeContract.portionPath(path),
                "app.handler",
                trusted,
                "hello",
                256,
                Map.of("_HANDLER", "mine", "GREETING", "hi"));
    }

    @Test
    void thePortionsFolderIsItsWorkingDirectoryInsideTheTaskRoot() {
        Workload workload = workload("provided", "./front/../front/", false);

        assertEquals("/var/task/front", RuntimeContract.portionRoot(workload));
        assertEquals(List.of("/var/task/front/bootstrap"), RuntimeContract.command(workload));
        assertEquals("/var/task", RuntimeContract.portionRoot(workload("provided", ".", false)));
        assertEquals("/var/task", RuntimeContract.portionRoot(workload("provided", null, false)));
    }

    @Test
    void theRuntimesVariablesWinAndOnlyATrustedPortionIsToldOfItsCredential() {
        Map<String, String> trusted = RuntimeContract.environment(workload("python3", "front", true));
        Map<String, String> untrusted = RuntimeContract.environment(workload("python3", "front", false));

        assertEquals("app.handler", trusted.get("_HANDLER"));
        assertEquals("hi", trusted.get("GREETING"));
        assertEquals("256", trusted.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("/run/hearth/credential", trusted.get("HEARTH_CREDENTIAL_FILE"));
        assertEquals("/run/hearth/secrets", trusted.get("HEARTH_SECRETS_DIR"));
        assertEquals("untrusted", untrusted.get("HEARTH_TRUST_LEVEL"));
        assertFalse(untrusted.containsKey("HEARTH_CREDENTIAL_FILE"));
        assertFalse(untrusted.containsKey("HEARTH_SECRETS_DIR"));
    }
}
