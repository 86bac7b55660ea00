package io.callsight.cli;

import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.voicebot.server.GatewayServer;
import java.time.Duration;
import java.util.List;

/** The embedded stack's VoiceBot gateway: a background JVM running {@code callsight voicebot serve}. */
final class VoicebotService extends BackgroundService {
    VoicebotService(StackConfig config) {
        super(config, "voicebot");
    }

    /** Where Twilio (or {@code callsight simulate-call}) connects. */
    static String mediaStreamUrl(StackConfig config) {
        return "ws://" + StackConfig.HOST + ":" + config.voicebotPort() + GatewayServer.PATH;
    }

    @Override
    public String name() {
        return "voicebot";
    }

    @Override
    protected String readyDescription() {
        return mediaStreamUrl(config) + " (Twilio Media Streams), log " + logFile();
    }

    @Override
    protected String heap() {
        return System.getenv().getOrDefault("CALLSIGHT_VOICEBOT_HEAP", "-Xmx768m");
    }

    @Override
    protected List<String> command() {
        TenantPaths tenants = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        return List.of("voicebot", "serve", "--ready-file", readyFile().toString(), "--port",
                Integer.toString(config.voicebotPort()), "--kafka.bootstrap", config.kafkaBootstrap(),
                "--tenants", tenants.registry().toString(), "--data-dir", config.dataDir().toString());
    }

    @Override
    protected String notReadyMessage(Duration timeout) {
        return "the voicebot gateway was not listening after " + timeout.toSeconds() + " s";
    }
}
