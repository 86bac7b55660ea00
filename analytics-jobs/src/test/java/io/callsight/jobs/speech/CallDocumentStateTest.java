package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.search.schema.ComplianceFields;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The call document survives Flink's state serialization (checkpoints, RocksDB) with its lines and verdict. */
class CallDocumentStateTest {
    @Test
    void roundTripsThroughFlinksPojoSerializer() throws Exception {
        TypeInformation<CallDocument> type = TypeInformation.of(CallDocument.class);
        assertTrue(type instanceof PojoTypeInfo, "a POJO, not a Kryo blob: " + type);
        CallDocument doc = new CallDocument();
        doc.tenant = "acme";
        doc.callId = "c1";
        doc.apply(SpokenLine.of(new Utterance("acme", "c1", Track.AGENT, 0, 500, 900, "thank you for calling", null, null, 1, true), -0.5));
        CallCompliance verdict = new CallCompliance();
        verdict.state = ComplianceFields.NON_COMPLIANT;
        verdict.rules = 2;
        verdict.missed.add("recording_disclosure");
        CallCompliance.Mark mark = new CallCompliance.Mark();
        mark.rule = "greeting";
        mark.atMs = 500;
        verdict.met.add(mark);
        doc.compliance = verdict;
        doc.sentiment = new CallSentiment();
        doc.sentiment.customerEnd = 0.25;
        doc.earlySummaries.add(new TrackSummary("acme", "c1", Track.CUSTOMER, 3, 12, 60_000, true));

        TypeSerializer<CallDocument> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(doc, out);
        CallDocument back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals("thank you for calling", back.lines.get(0).text);
        assertEquals("AGENT", back.lines.get(0).track);
        assertEquals("recording_disclosure", back.compliance.missed.get(0));
        assertEquals(500, back.compliance.met.get(0).atMs);
        assertEquals(-0.5, back.lines.get(0).sentiment);
        assertEquals(0.25, back.sentiment.customerEnd);
        assertEquals(doc.earlySummaries, back.earlySummaries);
    }
}
