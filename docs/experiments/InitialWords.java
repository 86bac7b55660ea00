import io.callsight.asr.audio.*;
import io.callsight.asr.recognition.*;
import io.callsight.events.*;
import com.fasterxml.jackson.databind.*;
import java.nio.file.*;
import java.util.*;
import org.vosk.*;

public class InitialWords {
    static final Path DIR = Path.of("/work/main/datasets/demo-calls/audio");
    public static void main(String[] a) throws Exception {
        Path modelPath = Path.of("/work/main/models/vosk-model-en-us");
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        ObjectMapper om = new ObjectMapper();
        List<Path> wavs;
        try (var s = Files.list(DIR)) { wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList(); }
        String[] variants = a.length > 0 ? a : new String[]{"cs-none", "cs-none+warm"};
        Map<String,Integer> ok = new LinkedHashMap<>();
        try (VoskRecognizer r = new VoskRecognizer(modelPath); Model model = new Model(modelPath.toString())) {
            for (Path wav : wavs) {
                JsonNode meta = om.readTree(wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".json")).toFile());
                JsonNode first = null;
                for (JsonNode l : meta.get("lines")) if (l.get("speaker").asText().equals("AGENT")) { first = l; break; }
                long endMs = first.get("endMs").asLong() + 700;
                WavAudio audio = WavFile.read(wav);
                int ch = 1;
                int n = (int) Math.min(audio.samplesPerChannel(), endMs * 8);
                byte[] bytes = Arrays.copyOf(audio.channelBytes()[ch], n);
                short[] pcm = Pcm.decode(audio.codec(), bytes);
                // level stats
                long st = first.get("startMs").asLong();
                StringBuilder lv = new StringBuilder();
                lv.append(String.format("pre-rms %.1f dBFS; ", db(pcm, 0, (int) st * 8)));
                int onset = -1;
                for (int i = 0; i + 80 <= pcm.length; i += 80) if (db(pcm, i, i + 80) > -50) { onset = i / 8; break; }
                lv.append(String.format("onset %d ms (script %d); first300 %.1f; utt %.1f", onset, st,
                        db(pcm, onset * 8, onset * 8 + 2400), db(pcm, (int) st * 8, (int) (first.get("endMs").asLong() * 8))));
                System.out.println("== " + wav.getFileName() + "  " + lv);
                System.out.println("   ref: " + first.get("text").asText());
                for (String v : variants) {
                    String text;
                    int pad = v.endsWith("+300") ? 300 : v.endsWith("+1000") ? 1000 : 0;
                    byte[] b = bytes;
                    long prefixMs = pad;
                    if (v.endsWith("+warm") || v.endsWith("+cust")) {
                        boolean cust = v.endsWith("+cust");
                        JsonNode second = null; int k = 0;
                        for (JsonNode l : meta.get("lines")) if (cust ? l.get("speaker").asText().equals("CUSTOMER") && k++ == 0 : l.get("speaker").asText().equals("AGENT") && k++ == 1) { second = l; break; }
                        int s0 = (int) (second.get("startMs").asLong() - 100) * 8, s1 = (int) (second.get("endMs").asLong() + 300) * 8;
                        byte[] pre = Arrays.copyOfRange(audio.channelBytes()[cust ? 0 : ch], s0, s1);
                        byte[] sil = new byte[8000]; Arrays.fill(sil, (byte) 0xFF);
                        b = new byte[pre.length + sil.length + bytes.length];
                        System.arraycopy(pre, 0, b, 0, pre.length);
                        System.arraycopy(sil, 0, b, pre.length, sil.length);
                        System.arraycopy(bytes, 0, b, pre.length + sil.length, bytes.length);
                        prefixMs = (pre.length + sil.length) / 8;
                    }
                    if (pad > 0) {
                        byte[] sil = new byte[pad * 8];
                        Arrays.fill(sil, (byte) 0xFF);
                        b = new byte[sil.length + bytes.length];
                        System.arraycopy(sil, 0, b, 0, sil.length);
                        System.arraycopy(bytes, 0, b, sil.length, bytes.length);
                    }
                    if (v.startsWith("cs-")) {
                        FrontEndConfig fe = v.startsWith("cs-none") ? FrontEndConfig.none() : FrontEndConfig.defaults();
                        List<Utterance> us = StreamingTranscription.transcribe(r,
                                new RecordedTrack("t", "c", Track.forChannel(ch), audio.codec(), audio.sampleRate(), b), fe, 20);
                        final long pm = prefixMs;
                        Utterance u = us.stream().filter(x -> x.startMs() >= pm + 200).findFirst().orElse(null);
                        text = u == null ? "" : u.text() + " [" + (u.startMs() - pm) + " ms]";
                    } else {
                        short[] x = Pcm.decode(audio.codec(), b);
                        short[] y = up2(x);
                        try (Recognizer rec = new Recognizer(model, 16000)) {
                            rec.setWords(true);
                            JsonNode j = null;
                            for (int i = 0; i < y.length && j == null; i += 320) {
                                int len = Math.min(320, y.length - i);
                                short[] c = Arrays.copyOfRange(y, i, i + len);
                                if (rec.acceptWaveForm(c, len)) { JsonNode q = om.readTree(rec.getResult()); if (q.path("result").path(0).path("start").asDouble() * 1000 >= prefixMs + 200) j = q; }
                            }
                            if (j == null) j = om.readTree(rec.getFinalResult());
                            text = j.path("text").asText() + " [" + Math.round(j.path("result").path(0).path("start").asDouble() * 1000) + " ms]";
                        }
                    }
                    String refFirst = first.get("text").asText().toLowerCase().split("[^a-z']+")[0];
                    boolean good = text.startsWith(refFirst + " ");
                    ok.merge(v, good ? 1 : 0, Integer::sum);
                    String shown = text.length() > 70 ? text.substring(0, 70) : text;
                    System.out.printf("   %-12s %s %s%n", v, good ? "OK " : "BAD", shown);
                }
            }
        }
        System.out.println("correct starts of " + wavs.size() + ": " + ok);
    }
    static double db(short[] x, int from, int to) {
        from = Math.max(0, from); to = Math.min(x.length, to);
        double e = 0; for (int i = from; i < to; i++) e += (double) x[i] * x[i];
        return 10 * Math.log10(e / Math.max(1, to - from) / (32768.0 * 32768.0) + 1e-12);
    }
    /** Textbook 2x interpolator: zero-stuff, Kaiser-windowed sinc low-pass at 4 kHz, centred (zero phase). */
    static short[] up2(short[] x) {
        int half = 64; // taps each side at 16 kHz
        double[] h = new double[2 * half + 1];
        double fc = 0.9 * 0.25; // cycles/sample at 16 kHz (3.6 kHz)
        double beta = 8.0, i0b = i0(beta);
        for (int k = -half; k <= half; k++) {
            double s = k == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
            double r = (double) k / half;
            h[k + half] = 2 * s * i0(beta * Math.sqrt(1 - r * r)) / i0b;
        }
        short[] y = new short[2 * x.length];
        for (int n = 0; n < y.length; n++) {
            double acc = 0;
            for (int k = -half; k <= half; k++) {
                int m = n - k;
                if (m < 0 || m >= y.length || (m & 1) != 0) continue;
                acc += h[k + half] * x[m / 2];
            }
            y[n] = (short) Math.max(-32768, Math.min(32767, Math.round(acc)));
        }
        return y;
    }
    static double i0(double x) { double s = 1, t = 1; for (int k = 1; k < 50; k++) { t *= (x / (2 * k)) * (x / (2 * k)); s += t; } return s; }
}
