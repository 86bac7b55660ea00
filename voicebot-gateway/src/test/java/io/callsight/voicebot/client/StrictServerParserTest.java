package io.callsight.voicebot.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What Twilio would reject from a bot (spec §5, §9.3), as the imitator records it. */
class StrictServerParserTest {
    private static final String SID = "MZ2d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a";

    @Test
    void acceptsExactlyTheThreeMessagesOfSection5() throws Exception {
        ServerMessage m = StrictServerParser.parse("{\"event\":\"media\",\"streamSid\":\"" + SID
                + "\",\"media\":{\"payload\":\"//8=\"}}", SID);
        assertArrayEquals(new byte[] {-1, -1}, ((ServerMessage.Media) m).audio());
        assertEquals(new ServerMessage.Mark("turn-1:seg-1"), StrictServerParser.parse("{\"mark\":{\"name\":"
                + "\"turn-1:seg-1\"},\"streamSid\":\"" + SID + "\",\"event\":\"mark\"}", SID));
        assertEquals(new ServerMessage.Clear(), StrictServerParser.parse("{\"event\":\"clear\",\"streamSid\":\"" + SID
                + "\"}", SID));
    }

    @Test
    void rejectsExtraMissingOrWrongFields() {
        violation("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"sequenceNumber\":\"1\",\"media\":{\"payload\":"
                + "\"//8=\"}}", "extra fields [sequenceNumber]");
        violation("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"//8=\",\"track\":"
                + "\"outbound\"}}", "media has extra fields [track]");
        violation("{\"event\":\"mark\",\"streamSid\":\"" + SID + "\"}", "lacks fields [mark]");
        violation("{\"event\":\"clear\"}", "lacks fields [streamSid]");
        violation("{\"event\":\"clear\",\"streamSid\":\"MZother\"}", "not this stream's");
        violation("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"//8\"}}",
                "not padded base64");
        violation("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"\"}}", "empty");
        violation("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"__8=\"}}",
                "not standard base64");
        violation("{\"event\":\"mark\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":7}}", "not a string");
        violation("{\"event\":\"stop\",\"streamSid\":\"" + SID + "\"}", "not one a bot may send");
        violation("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}x", "not one JSON object");
        violation("{\"event\":\"clear\",\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}", "not one JSON object");
        violation("[]", "not a JSON object");
    }

    private static void violation(String text, String expected) {
        ServerMessage.Violation v = assertThrows(ServerMessage.Violation.class,
                () -> StrictServerParser.parse(text, SID), text);
        assertTrue(v.getMessage().contains(expected), v.getMessage() + " should say " + expected);
    }
}
