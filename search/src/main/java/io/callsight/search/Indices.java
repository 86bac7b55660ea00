package io.callsight.search;

import java.util.List;

/** Callsight's Elasticsearch indices. Every document in them carries its tenant (see {@code TenantScope}). */
public final class Indices {
    /** One document per final, redacted utterance, id {@code callId/TRACK/idx}. */
    public static final String UTTERANCES = "callsight-utterances";
    /** One document per call, id {@code callId}: status, counts, compliance verdict, sentiment summary. */
    public static final String CALLS = "callsight-calls";

    static final List<String> ALL = List.of(UTTERANCES, CALLS);

    private Indices() {
    }
}
