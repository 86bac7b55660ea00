package io.callsight.nlp.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pretrained BERT-style sentence encoder run by ONNX Runtime: text → L2-normalized [CLS] vector (bge's pooling).
 * One instance per model per JVM ({@link #shared}): the session is thread-safe, so every task slot of a Flink task
 * manager shares one copy of the weights. Inputs longer than {@link #MAX_TOKENS} word pieces are truncated, as
 * the model was trained.
 */
public final class SentenceEncoder {
    public static final String DEFAULT = "bge-small-en-v1.5-q";
    /** BAAI bge-small-zh-v1.5 (MIT), int8 ONNX: the encoder for Chinese text. */
    public static final String CHINESE = "bge-small-zh-v1.5-q";
    public static final int MAX_TOKENS = 128;
    private static final int BATCH = 32;
    /** Recently encoded texts kept: a few seconds of a busy job's utterances, a few MB. */
    private static final int RECENT = 4096;
    private static final Map<String, SentenceEncoder> SHARED = new ConcurrentHashMap<>();

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean tokenTypes;
    private final int dim;
    private final Map<String, float[]> recent = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT;
        }
    });

    private SentenceEncoder(String name, OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer) throws OrtException {
        this.name = name;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
        NodeInfo out = session.getOutputInfo().values().iterator().next();
        long[] shape = ((TensorInfo) out.getInfo()).getShape();
        this.dim = (int) shape[shape.length - 1];
        if (dim <= 0 || !session.getInputNames().containsAll(List.of("input_ids", "attention_mask"))) {
            throw new OrtException("not a BERT-style encoder: inputs " + session.getInputNames() + ", output " + Arrays.toString(shape));
        }
    }

    /**
     * Opens the encoder in {@code dir} ({@code model.onnx} + {@code model-tokenizer.json}) with {@code threads}
     * intra-op threads.
     */
    public static SentenceEncoder open(Path dir, int threads) throws IOException {
        Path onnx = dir.resolve("model.onnx"), tok = dir.resolve("model-tokenizer.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tok)) {
            throw new IOException("no sentence encoder in " + dir.toAbsolutePath() + " (expected model.onnx and model-tokenizer.json)");
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Math.max(1, threads));
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new SentenceEncoder(dir.getFileName().toString(), env, env.createSession(onnx.toString(), o), WordPieceTokenizer.load(tok));
        } catch (OrtException e) {
            throw new IOException("cannot load " + onnx + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JVM's instance of encoder {@code name}, opened on first use from {@link SentenceEncoders#locate} with
     * {@code -Dcallsight.encoder.threads} (default 1: parallelism comes from task slots) threads.
     */
    /** The encoder for text in {@code language} ({@code zh} or anything else: English). */
    public static String forLanguage(String language) {
        return "zh".equals(language) ? CHINESE : DEFAULT;
    }

    public static SentenceEncoder shared(String name) throws IOException {
        return shared(name, null);
    }

    /** As {@link #shared(String)}, looking beside the models in {@code modelsRoot} first. */
    public static SentenceEncoder shared(String name, Path modelsRoot) throws IOException {
        SentenceEncoder e = SHARED.get(name);
        if (e != null) {
            return e;
        }
        synchronized (SHARED) {
            e = SHARED.get(name);
            if (e == null) {
                e = open(SentenceEncoders.locate(name, modelsRoot), Integer.getInteger("callsight.encoder.threads", 1));
                SHARED.put(name, e);
            }
            return e;
        }
    }

    public String name() {
        return name;
    }

    public int dim() {
        return dim;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public float[] embed(String text) {
        return embedBatch(List.of(tokens(text)))[0];
    }

    /**
     * {@link #embed}, remembering the last few thousand texts: every utterance goes through a tenant's intent head
     * and the sentiment head, and both need the same vector, so it is computed once (short replies such as "yes"
     * or "okay, thank you" recur too). Callers must not modify the returned array.
     */
    public float[] embedCached(String text) {
        float[] v = recent.get(text);
        if (v == null) {
            v = embed(text);
            recent.put(text, v);
        }
        return v;
    }

    /** Embeds all texts, in length-sorted batches (less padding); progress as a bar when {@code progress} is set. */
    public float[][] embedAll(List<String> texts, PrintStream progress) {
        List<List<Integer>> toks = new ArrayList<>(texts.size());
        for (String t : texts) {
            toks.add(tokens(t));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(toks.get(a).size(), toks.get(b).size()));
        float[][] out = new float[texts.size()][];
        long t0 = System.nanoTime();
        for (int s = 0; s < order.length; s += BATCH) {
            int e = Math.min(order.length, s + BATCH);
            List<List<Integer>> batch = new ArrayList<>(e - s);
            for (int q = s; q < e; q++) {
                batch.add(toks.get(order[q]));
            }
            float[][] v = embedBatch(batch);
            for (int q = s; q < e; q++) {
                out[order[q]] = v[q - s];
            }
            if (progress != null && ((s / BATCH) % 25 == 0 || e == order.length)) {
                double sec = (System.nanoTime() - t0) / 1e9;
                progress.printf(Locale.ROOT, "\rencoding with %s [%-30s] %d/%d (%.0f/s)", name, "#".repeat(30 * e / order.length), e,
                        order.length, e / Math.max(sec, 1e-9));
                if (e == order.length) {
                    progress.println();
                }
            }
        }
        return out;
    }

    private List<Integer> tokens(String text) {
        List<Integer> ids = tokenizer.ids(text == null ? "" : text);
        return ids.size() > MAX_TOKENS - 2 ? ids.subList(0, MAX_TOKENS - 2) : ids;
    }

    private float[][] embedBatch(List<List<Integer>> batch) {
        int b = batch.size(), t = 2;
        for (List<Integer> ids : batch) {
            t = Math.max(t, ids.size() + 2);
        }
        long[][] ids = new long[b][t], mask = new long[b][t];
        for (int i = 0; i < b; i++) {
            List<Integer> x = batch.get(i);
            ids[i][0] = tokenizer.clsId();
            for (int j = 0; j < x.size(); j++) {
                ids[i][j + 1] = x.get(j);
            }
            ids[i][x.size() + 1] = tokenizer.sepId();
            Arrays.fill(mask[i], 0, x.size() + 2, 1L);
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, ids));
            in.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (tokenTypes) {
                in.put("token_type_ids", OnnxTensor.createTensor(env, new long[b][t]));
            }
            try (OrtSession.Result r = session.run(in)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                float[][] out = new float[b][];
                for (int i = 0; i < b; i++) {
                    out[i] = normalized(hidden[i][0]);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(name + " failed on a batch of " + b + ": " + e.getMessage(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] normalized(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        float inv = n > 0 ? (float) (1 / Math.sqrt(n)) : 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
