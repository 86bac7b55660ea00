package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCallGeneratorTest {
    @TempDir
    Path scripts;

    private Path out;
    private final ToneSynthesizer synthesizer = new ToneSynthesizer(16_000);
    private final AtomicInteger renderersCreated = new AtomicInteger();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void writeScripts() throws IOException {
        out = scripts.resolve("audio");
        writeScript("a-first");
        writeScript("b-second");
    }

    private void writeScript(String name) throws IOException {
        Files.writeString(scripts.resolve(name + ".json"), """
                {"callId": "%s", "tenant": "nova-telecom", "domain": "telecom", "direction": "OUTBOUND",
                 "agentId": "agent-2", "lines": [
                   {"speaker": "CUSTOMER", "text": "hello there", "pauseBeforeMs": 400},
                   {"speaker": "AGENT", "text": "this call may be recorded", "overlapMs": 100}]}
                """.formatted(name));
    }

    private DemoCallGenerator.Summary generate(boolean force) throws IOException {
        DemoCallGenerator generator = new DemoCallGenerator(() -> {
            renderersCreated.incrementAndGet();
            return new DemoCallRenderer(synthesizer);
        });
        return generator.generate(scripts, out, force,
                (i, n, name, rendered, seconds) -> progress.add("[" + i + "/" + n + "] " + name + " " + rendered));
    }

    @Test
    void rendersEveryScriptThenSkipsWhatIsUpToDate() throws IOException {
        DemoCallGenerator.Summary first = generate(false);
        assertEquals(2, first.rendered());
        assertEquals(List.of("[1/2] a-first true", "[2/2] b-second true"), progress);
        assertTrue(Files.exists(out.resolve("a-first.wav")) && Files.exists(out.resolve("b-second.json")));

        int synthesisCalls = synthesizer.calls.get();
        DemoCallGenerator.Summary second = generate(false);
        assertEquals(0, second.rendered());
        assertEquals(2, second.skipped());
        assertEquals(first.audioSeconds(), second.audioSeconds(), 1e-9, "skipped calls still count their audio");
        assertEquals(synthesisCalls, synthesizer.calls.get());
        assertEquals(1, renderersCreated.get(), "no synthesizer is started when nothing needs rendering");
    }

    @Test
    void forceOrAnEditedScriptRendersAgain() throws IOException {
        generate(false);
        assertEquals(2, generate(true).rendered());

        Files.setLastModifiedTime(scripts.resolve("b-second.json"), FileTime.from(Instant.now().plusSeconds(60)));
        DemoCallGenerator.Summary afterEdit = generate(false);
        assertEquals(1, afterEdit.rendered());
        assertTrue(progress.get(progress.size() - 1).endsWith("b-second true"));
    }

    @Test
    void aBrokenScriptStopsTheRunBeforeAnySynthesis() throws IOException {
        Files.writeString(scripts.resolve("c-broken.json"), "{\"callId\": \"x\"}");
        InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> generate(false));
        assertTrue(e.getMessage().startsWith("c-broken.json: "), e.getMessage());
        assertEquals(0, renderersCreated.get());
    }
}
