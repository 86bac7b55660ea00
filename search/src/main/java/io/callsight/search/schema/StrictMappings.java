package io.callsight.search.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.search.IndexTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against its index template. The templates are {@code "dynamic": "strict"}, so Elasticsearch
 * rejects a whole document for one field they do not map: writers and templates must change together.
 */
public final class StrictMappings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictMappings() {
    }

    /** Dotted paths of the fields in {@code source} that the template of {@code index} does not map; empty if none. */
    public static List<String> unmapped(String index, Map<String, ?> source) {
        JsonNode properties;
        try {
            properties = JSON.readTree(IndexTemplates.template(index)).at("/template/mappings/properties");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template of " + index, e);
        }
        List<String> missing = new ArrayList<>();
        collect(JSON.valueToTree(source), properties, "", missing);
        return missing;
    }

    private static void collect(JsonNode doc, JsonNode properties, String path, List<String> missing) {
        doc.fields().forEachRemaining(f -> {
            JsonNode field = properties.get(f.getKey());
            if (field == null) {
                missing.add(path + f.getKey());
            } else if (field.has("properties")) {
                JsonNode value = f.getValue();
                if (value.isArray()) {
                    value.forEach(v -> collect(v, field.get("properties"), path + f.getKey() + ".", missing));
                } else if (value.isObject()) {
                    collect(value, field.get("properties"), path + f.getKey() + ".", missing);
                }
            }
        });
    }
}
