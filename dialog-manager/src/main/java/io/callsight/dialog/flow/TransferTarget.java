package io.callsight.dialog.flow;

/** A human queue and the reason an agent sees; {@code say} is spoken before the transfer (may be null). */
public record TransferTarget(String queue, String reason, Template say, int line) {}
