package dev.hearth.hypervisor.host.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.hearth.protocol.wire.InvokeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent's OpenAPI document (what {@code GET /v1/openapi.yaml} serves) describes each wire
 * record with exactly the record's properties: a property the agent writes or reads but the
 * document leaves out, or one the document promises but no record has, fails here.
 */
class AgentOpenApiDocumentTest {

    /** A schema under {@code components.schemas} as the document writes it: its name at four spaces. */
    private static final Pattern SCHEMA = Pattern.compile("^ {4}(\\w+):$");

    /** One of that schema's properties: its name at eight spaces. */
    private static final Pattern PROPERTY = Pattern.compile("^ {8}(\\w+):");

    @Test
    void everyWireRecordIsASchemaWithItsProperties() throws IOException {
        Map<String, Set<String>> records = new TreeMap<>();
        for (JavaClass type : new ClassFileImporter().importPackages(InvokeRequest.class.getPackageName())) {
            if (type.isRecord() && type.getPackageName().equals(InvokeRequest.class.getPackageName())) {
                records.put(type.getSimpleName(), names(type.reflect().getRecordComponents()));
            }
        }

        assertEquals(records, schemas());
    }

    private static Set<String> names(RecordComponent[] components) {
        return new TreeSet<>(
                Arrays.stream(components).map(RecordComponent::getName).toList());
    }

    /** The document's schemas and their properties' names. */
    private static Map<String, Set<String>> schemas() throws IOException {
        String document;
        try (InputStream yaml = AgentHttpApi.class.getResourceAsStream("/openapi/host-agent-v1.yaml")) {
            document = new String(yaml.readAllBytes(), UTF_8);
        }
        String components = document.substring(document.indexOf("\n  schemas:\n"));
        Map<String, Set<String>> schemas = new TreeMap<>();
        Set<String> properties = null;
        for (String line : components.lines().toList()) {
            Matcher schema = SCHEMA.matcher(line);
            Matcher property = PROPERTY.matcher(line);
            if (schema.matches()) {
                properties = schemas.computeIfAbsent(schema.group(1), name -> new TreeSet<>());
            } else if (property.lookingAt() && properties != null) {
                properties.add(property.group(1));
            }
        }
        return schemas;
    }
}
