package io.callsight.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.recognition.Denoising;
import io.callsight.asr.recognition.FrontEndConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeechJobConfigTest {
    @Test
    void argumentsWinOverTheEnvironmentWhichWinsOverDefaults() {
        SpeechJobConfig config = SpeechJobConfig.fromArgs(
                new String[] {"--es.url", "http://es:9200", "--parallelism", "4", "--denoise", "rnn", "--vad", "off"},
                Map.of("KAFKA_BOOTSTRAP", "k1:9092", "ES_URL", "http://ignored:9200"));
        assertEquals("k1:9092", config.kafkaBootstrap());
        assertEquals("http://es:9200", config.esUrl());
        assertEquals(4, config.parallelism());
        assertEquals(Denoising.RNN, config.frontEnd().denoising());
        assertFalse(config.frontEnd().vad());
    }

    @Test
    void defaultsAreTheEmbeddedStackAndTheBenchmarkedFrontEnd() {
        SpeechJobConfig config = SpeechJobConfig.fromArgs(new String[0], Map.of());
        assertEquals("127.0.0.1:9092", config.kafkaBootstrap());
        assertEquals("http://127.0.0.1:9200", config.esUrl());
        assertEquals(FrontEndConfig.defaults(), config.frontEnd());
    }

    @Test
    void modelsDefaultToTheModelsDirUnderTheRootAndCanBeMovedAway() {
        SpeechJobConfig defaults = SpeechJobConfig.fromArgs(new String[0], Map.of());
        assertEquals(java.nio.file.Path.of(System.getProperty("callsight.root", ".")).resolve("models").toString(),
                defaults.modelsDir());
        assertEquals(5000, defaults.modelRefreshMs());
        assertEquals("/env/models", SpeechJobConfig.fromArgs(new String[0], Map.of("CALLSIGHT_MODELS", "/env/models")).modelsDir());
        SpeechJobConfig args = SpeechJobConfig.fromArgs(new String[] {"--models", "/opt/models", "--model-refresh-ms", "250"},
                Map.of("CALLSIGHT_MODELS", "/env/models"));
        assertEquals("/opt/models", args.modelsDir());
        assertEquals(250, args.modelRefreshMs());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpeechJobConfig.fromArgs(new String[] {"--model-refresh-ms", "soon"}, Map.of())).getMessage()
                .contains("--model-refresh-ms must be a positive number"));
    }

    @Test
    void partialsEvery200MsAndShortNetworkBuffersByDefault() {
        SpeechJobConfig defaults = SpeechJobConfig.fromArgs(new String[0], Map.of());
        assertEquals(200, defaults.partialIntervalMs());
        assertEquals(SpeechJobConfig.DEFAULT_BUFFER_TIMEOUT_MS, defaults.bufferTimeoutMs());
        assertEquals(12, defaults.voskFramesPerChunk());
        assertEquals(0, defaults.bufferTimeoutMs(), "flush per record: no flusher threads");
        assertEquals(0, SpeechJobConfig.fromArgs(new String[] {"--vosk-frames-per-chunk", "0"}, Map.of()).voskFramesPerChunk(),
                "the model's own chunk");
        SpeechJobConfig off = SpeechJobConfig.fromArgs(
                new String[] {"--partial-interval-ms", "0", "--buffer-timeout-ms", "100"}, Map.of());
        assertEquals(0, off.partialIntervalMs());
        assertEquals(100, off.bufferTimeoutMs());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpeechJobConfig.fromArgs(new String[] {"--partial-interval-ms", "-5"}, Map.of())).getMessage()
                .contains("--partial-interval-ms must be 0 or a positive number"));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpeechJobConfig.fromArgs(new String[] {"--denoise", "loud"}, Map.of())).getMessage()
                .contains("--denoise must be none, spectral or rnn"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpeechJobConfig.fromArgs(new String[] {"--parallelism"}, Map.of())).getMessage()
                .contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SpeechJobConfig.fromArgs(new String[] {"oops"}, Map.of())).getMessage()
                .contains("unexpected argument 'oops'"));
    }
}
