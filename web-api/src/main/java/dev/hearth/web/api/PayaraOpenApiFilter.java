package dev.hearth.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Repairs two faults of Payara 6.2025.9's OpenAPI document (configured as {@code
 * mp.openapi.filter}): it writes every attribute of a {@code @Schema} annotation, defaults
 * included, so that each annotated schema claims {@code maxProperties: 0}; and it repeats a tag for
 * every class that names it.
 */
public class PayaraOpenApiFilter implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        Integer zero = 0;
        if (zero.equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (zero.equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (zero.equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        // false is each flag's default: dropping it changes nothing but the document's length
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        List<Tag> tags = openAPI.getTags();
        if (tags == null) {
            return;
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : tags) {
            Tag kept = byName.putIfAbsent(tag.getName(), tag);
            if (kept != null && kept.getDescription() == null) {
                byName.put(tag.getName(), tag);
            }
        }
        openAPI.setTags(List.copyOf(byName.values()));
    }
}
