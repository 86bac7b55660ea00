package io.callsight.nlp.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Jackson helpers (records → plain maps, so manifests compare structurally). */
final class Jsons {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jsons() {}

    static Map<String, Object> toMap(Object o) {
        return JSON.convertValue(o, new TypeReference<Map<String, Object>>() {});
    }
}
