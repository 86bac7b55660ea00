package io.callsight.voicebot.bot;

import io.callsight.dialog.flow.Flow;
import io.callsight.tts.prompt.Prompt;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.BotMediaChannel;
import io.callsight.voicebot.CallInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot for every call of a gateway: picks the call's flow ({@code customParameters.flow}, the TwiML
 * {@code <Parameter name="flow">}) of the key's tenant and starts a {@link BotConversation} on it. A call naming no
 * flow, or one its tenant does not have, is refused (the gateway closes the socket with 1011 and the reason).
 */
public final class BotBrain implements BotCallHandlerFactory {
    public static final String FLOW_PARAMETER = "flow";

    private final BotServices services;

    public BotBrain(BotServices services) {
        this.services = services;
    }

    /**
     * Synthesizes the static prompts of {@code flows} into the prompt cache, so a caller never waits for MaryTTS
     * on a prompt that is the same on every call (a warm sentence takes 0.3–0.6 s to synthesize, a cached one 0.2 ms).
     */
    public StreamingSynthesizer.WarmUpReport warmUp(List<Flow> flows) {
        List<Prompt> prompts = new ArrayList<>();
        for (Flow flow : flows) {
            prompts.addAll(BotConversation.warmUpPrompts(flow));
        }
        return services.synthesizer().warmUp(prompts, services.voice());
    }

    @Override
    public BotCallHandler create(CallInfo call, BotMediaChannel channel) {
        String flowName = call.customParameters().get(FLOW_PARAMETER);
        if (flowName == null || flowName.isBlank()) {
            throw new IllegalArgumentException("the stream's start names no flow (customParameters." + FLOW_PARAMETER + ")");
        }
        var flow = services.flows().flow(call.tenantId(), flowName).orElseThrow(() -> new IllegalArgumentException(
                "tenant " + call.tenantId() + " has no bot flow '" + flowName + "'"));
        return BotConversation.start(call, channel, flow, services);
    }
}
