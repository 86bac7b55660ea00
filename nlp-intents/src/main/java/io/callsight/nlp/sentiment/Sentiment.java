package io.callsight.nlp.sentiment;

/** A sentiment reading: label ({@code positive}/{@code negative}/{@code neutral}) and score in [-1, 1]. */
public record Sentiment(String label, double score) {}
