package io.callsight.jobs.elasticsearch;

import java.io.Serializable;
import java.util.Map;

/** One document to index: where, under which id, and its JSON body as a map. */
public record ElasticsearchDocument(String index, String id, Map<String, Object> source) implements Serializable {
}
