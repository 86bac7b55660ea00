package io.callsight.ingest.audiohook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** A client text message whose envelope passed the checks of {@link MessageCodec#parse}. */
public record ClientMessage(String type, long seq, long serverseq, Duration position, ObjectNode parameters) {
}
