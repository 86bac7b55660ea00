package io.callsight.stack;

/** Where clients reach the running stack. */
public record StackUrls(String kafkaBootstrap, String esUrl) {}
