package io.callsight.search;

import java.io.Serializable;
import java.util.Map;

/** One document to index (or, with no source, to delete): where, under which id, and its JSON body. */
public record ElasticsearchDocument(String index, String id, Map<String, Object> source) implements Serializable {

    public static ElasticsearchDocument delete(String index, String id) {
        return new ElasticsearchDocument(index, id, null);
    }

    public boolean isDelete() {
        return source == null;
    }
}
