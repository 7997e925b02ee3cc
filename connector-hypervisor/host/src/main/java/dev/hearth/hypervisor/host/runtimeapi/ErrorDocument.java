package dev.hearth.hypervisor.host.runtimeapi;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import java.util.Map;

/** A Lambda-style error document, {@code {"errorMessage": ..., "errorType": ...}}, escaped by JSON-P. */
public final class ErrorDocument {

    /** Made once: each {@code Json.create...} call looks the provider up through a ServiceLoader. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ErrorDocument() {}

    public static String of(String message, String type) {
        return JSON.createObjectBuilder()
                .add("errorMessage", message)
                .add("errorType", type)
                .build()
                .toString();
    }
}
