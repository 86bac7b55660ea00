package io.callsight.asr.denoise;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The denoiser network, evaluated in plain Java (no native library at inference): feature normalization →
 * dense + tanh → GRU → GRU → dense + sigmoid, one 10 ms frame per {@link #step} with the recurrent state
 * kept between calls. GRU equations and gate order (reset, update, new) are PyTorch's, which the trainer's
 * DJL PyTorch engine uses, so exported weights drop in unchanged:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ∘ (W_hn h + b_hn))      h' = (1 − z) ∘ n + z ∘ h
 * </pre>
 *
 * <p>File format ({@code weights.bin}, big-endian as {@link DataOutputStream} writes): magic
 * {@code "CSDN"}, format version (int, 1), then a count of named tensors, each as name (UTF), rank (int),
 * dimensions (ints) and float data (row-major). Tensors: {@code band_hz[B]}, {@code meta[2]} (sample rate,
 * frame length), {@code norm_mean[F]}, {@code norm_std[F]}, {@code in_w[D,F]}, {@code in_b[D]}, and for
 * each GRU layer {@code gruN_wih[3H,in]}, {@code gruN_whh[3H,H]}, {@code gruN_bih[3H]}, {@code gruN_bhh[3H]}
 * (N = 1, 2), then {@code out_w[B,H]}, {@code out_b[B]}.
 */
public final class GruModel {
    public static final String MAGIC = "CSDN";
    public static final int FORMAT_VERSION = 1;

    /** A named tensor: shape and row-major data. */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + n
                        + " values, got " + data.length);
            }
        }

        public int dim(int i) {
            return shape[i];
        }
    }

    private final Map<String, Tensor> tensors;
    private final int sampleRate;
    private final int frameLength;
    private final float[] bandHz;
    private final float[] mean;
    private final float[] std;
    private final Tensor inW;
    private final float[] inB;
    private final Gru[] grus;
    private final Tensor outW;
    private final float[] outB;
    private final float[] x;
    private final float[] dense;
    private final float[] gains;

    public GruModel(Map<String, Tensor> tensors) {
        this.tensors = new LinkedHashMap<>(tensors);
        float[] meta = get("meta").data();
        this.sampleRate = (int) meta[0];
        this.frameLength = (int) meta[1];
        this.bandHz = get("band_hz").data();
        this.mean = get("norm_mean").data();
        this.std = get("norm_std").data();
        this.inW = get("in_w");
        this.inB = get("in_b").data();
        int layers = 0;
        while (tensors.containsKey("gru" + (layers + 1) + "_wih")) {
            layers++;
        }
        this.grus = new Gru[layers];
        int in = inW.dim(0);
        for (int l = 0; l < layers; l++) {
            String p = "gru" + (l + 1) + "_";
            grus[l] = new Gru(get(p + "wih"), get(p + "whh"), get(p + "bih").data(), get(p + "bhh").data());
            if (grus[l].in != in) {
                throw new IllegalArgumentException(p + "wih expects " + grus[l].in + " inputs, previous layer gives " + in);
            }
            in = grus[l].hidden;
        }
        this.outW = get("out_w");
        this.outB = get("out_b").data();
        if (inW.dim(1) != mean.length || outW.dim(1) != in || outW.dim(0) != bandHz.length) {
            throw new IllegalArgumentException("inconsistent tensor shapes in denoiser model");
        }
        this.x = new float[mean.length];
        this.dense = new float[inW.dim(0)];
        this.gains = new float[bandHz.length];
    }

    private Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("denoiser model lacks tensor '" + name + "'");
        }
        return t;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int frameLength() {
        return frameLength;
    }

    public float[] bandCentersHz() {
        return bandHz.clone();
    }

    public int features() {
        return mean.length;
    }

    public int bands() {
        return bandHz.length;
    }

    public Map<String, Tensor> tensors() {
        return java.util.Collections.unmodifiableMap(tensors);
    }

    public int parameterCount() {
        int n = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!e.getKey().equals("meta") && !e.getKey().equals("band_hz")) {
                n += e.getValue().data().length;
            }
        }
        return n;
    }

    public void reset() {
        for (Gru g : grus) {
            java.util.Arrays.fill(g.h, 0f);
        }
    }

    /** One frame: raw (unnormalized) features in, per-band gains in [0, 1] out (a reused array). */
    public float[] step(float[] features) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - mean[i]) / std[i];
        }
        affine(inW, inB, x, dense);
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) Math.tanh(dense[i]);
        }
        float[] in = dense;
        for (Gru g : grus) {
            g.step(in);
            in = g.h;
        }
        affine(outW, outB, in, gains);
        for (int i = 0; i < gains.length; i++) {
            gains[i] = sigmoid(gains[i]);
        }
        return gains;
    }

    private static void affine(Tensor w, float[] b, float[] in, float[] out) {
        int rows = w.dim(0), cols = w.dim(1);
        float[] d = w.data();
        for (int r = 0; r < rows; r++) {
            float s = b[r];
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                s += d[base + c] * in[c];
            }
            out[r] = s;
        }
    }

    static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    private static final class Gru {
        final Tensor wih;
        final Tensor whh;
        final float[] bih;
        final float[] bhh;
        final int in;
        final int hidden;
        final float[] h;
        final float[] gi;
        final float[] gh;

        Gru(Tensor wih, Tensor whh, float[] bih, float[] bhh) {
            this.wih = wih;
            this.whh = whh;
            this.bih = bih;
            this.bhh = bhh;
            this.hidden = whh.dim(1);
            this.in = wih.dim(1);
            if (wih.dim(0) != 3 * hidden || whh.dim(0) != 3 * hidden || bih.length != 3 * hidden || bhh.length != 3 * hidden) {
                throw new IllegalArgumentException("GRU tensors do not have 3 gates of " + hidden);
            }
            this.h = new float[hidden];
            this.gi = new float[3 * hidden];
            this.gh = new float[3 * hidden];
        }

        void step(float[] x) {
            affine(wih, bih, x, gi);
            affine(whh, bhh, h, gh);
            for (int j = 0; j < hidden; j++) {
                float r = sigmoid(gi[j] + gh[j]);
                float z = sigmoid(gi[hidden + j] + gh[hidden + j]);
                float n = (float) Math.tanh(gi[2 * hidden + j] + r * gh[2 * hidden + j]);
                h[j] = (1 - z) * n + z * h[j];
            }
        }
    }

    // ---- file format ------------------------------------------------------------------------------------

    public static GruModel read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return new GruModel(readTensors(in));
        }
    }

    public static Map<String, Tensor> readTensors(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[4];
        in.readFully(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IOException("not a Callsight denoiser weights file (bad magic)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported denoiser weights format version " + version);
        }
        int count = in.readInt();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            String name = in.readUTF();
            int rank = in.readInt();
            int[] shape = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                n *= shape[i];
            }
            if (n > 50_000_000) {
                throw new IOException("tensor " + name + " is implausibly large");
            }
            float[] data = new float[(int) n];
            for (int i = 0; i < n; i++) {
                data[i] = in.readFloat();
            }
            out.put(name, new Tensor(shape, data));
        }
        return out;
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
            writeTensors(o, tensors);
        }
    }

    public static void writeTensors(OutputStream stream, Map<String, Tensor> tensors) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(FORMAT_VERSION);
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            out.writeUTF(e.getKey());
            int[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            for (float v : e.getValue().data()) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }
}
