package io.callsight.nlp.classify;

import java.util.Map;

/**
 * {@code manifest.json} of one model version: task ({@code intents}/{@code sentiment}), language, SHA-256 of the
 * training data, metrics, ISO-8601 creation time, training parameters, and the model kind stored alongside.
 */
public record Manifest(String tenant, String task, String version, String language, String dataHash, String created,
        String model, Map<String, Object> parameters, Map<String, Object> metrics) {}
