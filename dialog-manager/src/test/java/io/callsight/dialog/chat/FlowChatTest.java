package io.callsight.dialog.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.Outcome;
import io.callsight.dialog.engine.SessionRecord;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.testing.TestFlows;
import io.callsight.nlp.intents.definition.TenantIntents;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowChatTest {
    private final TenantIntents intents = TestFlows.catalog().intents("test-bank", "en").orElseThrow();
    private final ExampleIntentMatcher matcher = new ExampleIntentMatcher(intents);

    @Test
    void wordOverlapWithTheExamplesPicksTheIntent() {
        UserTurn t = matcher.classify("I would like my balance please");
        assertEquals("check_balance", t.intent());
        assertEquals(1.0, t.confidence());
        assertTrue(matcher.classify("zebra crossing").confidence() < 0.5);
    }

    @Test
    void aTypedConversationRunsTheFlowToItsEnd() throws IOException {
        Flow flow = TestFlows.engineFlow();
        String script = String.join("\n", "when are you open", "what's my balance", "#123456", "#1", "", "bye");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SessionRecord r = new FlowChat(flow, matcher, TestFlows.CLOCK)
                .run(new BufferedReader(new StringReader(script)), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("bot: We are open from nine to five."), printed);
        assertTrue(printed.contains("bot: I heard 1 2 3 4 5 6."), printed);
        assertTrue(printed.contains("bot: Your PIN."), printed);
        // end of input is the caller hanging up
        assertEquals(Outcome.Kind.ABANDONED, r.outcome().kind());
        assertTrue(printed.contains("-- abandoned"), printed);
    }
}
