package io.callsight.voicebot.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.Role;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.voicebot.server.GatewayServer;
import io.callsight.voicebot.TestTenants;
import io.callsight.voicebot.client.TwilioImitator;
import io.callsight.voicebot.twilio.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo bot on the real gateway: it says back what the caller said, and hangs up on #. */
class ParrotBotTest {
    @Test
    void saysBackWhatTheCallerSaidThenHangsUpOnHash() throws Exception {
        IssuedApiKey key = new ApiKeys().create("acme", Role.INGEST);
        try (GatewayServer server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> TestTenants.acme(key), ParrotBot.factory())) {
            byte[] said = Messages.voice(3200);
            try (TwilioImitator twilio = TwilioImitator.builder(URI.create("ws://127.0.0.1:" + server.port()
                    + GatewayServer.PATH)).apiKeyParameter(key.key()).callerAudio(said).connect()) {
                twilio.awaitEcho("turn-1:seg-1", Duration.ofSeconds(5));
                assertArrayEquals(Arrays.copyOf(said, 3200), Arrays.copyOf(twilio.playedAudio(), 3200));
                twilio.dtmf('#');
                assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(5)));
                assertEquals(List.of(), twilio.errors());
                assertTrue(twilio.playedAudio().length >= 3200);
            }
        }
    }
}
