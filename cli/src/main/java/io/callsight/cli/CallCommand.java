package io.callsight.cli;

import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.client.CalleeAudio;
import io.callsight.voicebot.client.CallerSpeech;
import io.callsight.voicebot.client.TwilioImitator;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code callsight call}: an outbound bot call. There is no telephone network here, so the softswitch's side is
 * simulated: the stream is opened as Twilio opens it for an outbound {@code <Connect><Stream>}, and the far end
 * (ringback, then a person, a voicemail, a busy line...) is played into it; the bot decides from that audio alone.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Places an outbound VoiceBot call through the running gateway, the far end simulated (no phone "
                + "network here): --callee human|voicemail|busy|sit|fax|no-answer. The bot tells from the audio which it "
                + "is (dial status, in its session report on bot.sessions and in the voicebot log), then runs the flow, "
                + "leaves the flow's voicemail message after the beep, or hangs up."})
final class CallCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--flow", defaultValue = "appointment-reminder", description = "Outbound flow (default: ${DEFAULT-VALUE}).")
    String flow;

    @Option(names = "--tenant", defaultValue = "shield-insurance", description = "Tenant (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--to", defaultValue = "+15550100", description = "Number dialled (recorded on the call; default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--callee", defaultValue = "human", description = "Who answers: human, voicemail, busy, sit, fax, no-answer (default: ${DEFAULT-VALUE}).")
    String callee;

    @Option(names = "--url", description = "Gateway URL (default: the local stack's).")
    URI url;

    @Option(names = "--api-key", description = "The tenant's ingest key (default: from demo-keys.json).")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        StackConfig config = stack.config();
        URI target = url != null ? url : URI.create(VoicebotService.mediaStreamUrl(config));
        String key = apiKey != null ? apiKey : ReplayCommand.demoCredentials(
                TenantPaths.resolve(config.dataDir(), null, System.getenv()).demoKeys(), tenant).apiKey();
        byte[] line = farEnd();
        long start = System.nanoTime();
        try (TwilioImitator twilio = TwilioImitator.builder(target).apiKeyParameter(key).customParameter("flow", flow)
                .customParameter("direction", "outbound").customParameter("to", to).callerAudio(line).connect()) {
            System.out.println("calling " + to + " (" + callee + ", " + line.length / 8 + " ms of far-end audio) with flow " + flow);
            boolean botEnds = !callee.equals("human");
            long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (twilio.played().isEmpty() && !twilio.closed().isDone() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            twilio.played().stream().findFirst().ifPresent(p -> System.out.printf("the bot spoke %d ms after dialling%n",
                    (p.atNanos() - start) / 1_000_000));
            int code;
            if (botEnds) {
                code = twilio.awaitClose(Duration.ofSeconds(45));
            } else {
                Thread.sleep(3000); // hear the start of the reminder, then hang up as the person
                twilio.hangUp().get();
                code = 1000;
            }
            System.out.printf("call over after %d ms (close %d); %d ms of bot audio played; %s%n",
                    (System.nanoTime() - start) / 1_000_000, code, twilio.playedAudio().length / 8,
                    twilio.errors().isEmpty() ? "no protocol errors" : "protocol errors: " + twilio.errors());
            System.out.println("dial status and outcome: see the voicebot log or topic bot.sessions");
            return twilio.errors().isEmpty() ? 0 : 1;
        }
    }

    private byte[] farEnd() throws InterruptedException {
        return switch (callee) {
            case "human" -> new CalleeAudio().ringback(6000).silence(300).speech(say("Hello?")).silence(200).ulaw();
            case "voicemail" -> new CalleeAudio().ringback(2000).silence(500).speech(say(
                    "Hi, you've reached Sam Parker. I can't take your call right now, please leave a message after the tone."))
                    .silence(300).beep(400).ulaw();
            case "busy" -> new CalleeAudio().busy(8000).ulaw();
            case "sit" -> new CalleeAudio().sit().silence(3000).ulaw();
            case "fax" -> new CalleeAudio().ringback(2000).faxAnswer(4000).ulaw();
            case "no-answer" -> new CalleeAudio().ringback(40_000).ulaw();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown --callee '" + callee + "': human, voicemail, busy, sit, fax or no-answer");
        };
    }

    private static byte[] say(String text) throws InterruptedException {
        try (StreamingSynthesizer s = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(4L << 20))) {
            return CallerSpeech.say(s, Voice.CALLER_BRISK, text);
        }
    }
}
