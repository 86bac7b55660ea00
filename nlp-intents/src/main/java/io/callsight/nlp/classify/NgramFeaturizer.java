package io.callsight.nlp.classify;

import java.util.Arrays;
import java.util.List;

/**
 * Turns text into 64-bit hashed n-gram features (fastText style, vocabulary-free). The neural model folds the
 * hashes into buckets ({@link #bucket}); the TF-IDF baseline maps them through a vocabulary. Feature families are
 * salted so a word and an identical char n-gram do not collide.
 */
public final class NgramFeaturizer {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long SALT_WORD = 0x1000;
    private static final long SALT_CHAR = 0x2000;
    private static final long SALT_CJK = 0x3000;

    private final FeatureConfig config;
    private final TextTokenizer tokenizer;

    public NgramFeaturizer(FeatureConfig config) {
        this(config, new BasicTokenizer(config.hanlp()));
    }

    public NgramFeaturizer(FeatureConfig config, TextTokenizer tokenizer) {
        this.config = config;
        this.tokenizer = tokenizer;
    }

    public FeatureConfig config() {
        return config;
    }

    /** The hashed features of {@code text} in a fresh array (duplicates kept: they count in mean pooling / tf). */
    public long[] features(String text) {
        Buffer b = new Buffer();
        features(text, b);
        return Arrays.copyOf(b.data, b.size);
    }

    /** Appends the hashed features of {@code text} to {@code out} (cleared first). */
    public void features(String text, Buffer out) {
        out.size = 0;
        List<Token> tokens = tokenizer.tokenize(text);
        int nt = tokens.size();
        long[] wh = new long[nt];
        for (int i = 0; i < nt; i++) {
            wh[i] = hash(tokens.get(i).text(), 0, tokens.get(i).text().length(), SALT_WORD);
            out.add(wh[i]);
        }
        for (int n = 2; n <= config.wordNgrams(); n++) {
            for (int i = 0; i + n <= nt; i++) {
                long h = SALT_WORD + n;
                for (int k = 0; k < n; k++) {
                    h = mix(h * 0x9E3779B97F4A7C15L + wh[i + k]);
                }
                out.add(h);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < nt && out.size < config.maxFeatures()) {
            Token t = tokens.get(i);
            if (t.cjk()) {
                sb.setLength(0);
                while (i < nt && tokens.get(i).cjk()) {
                    sb.append(tokens.get(i).text());
                    i++;
                }
                for (int n = 1; n <= config.cjkCharMax(); n++) {
                    for (int s = 0; s + n <= sb.length(); s++) {
                        out.add(hash(sb, s, s + n, SALT_CJK + n));
                    }
                }
            } else {
                if (config.charMax() >= config.charMin() && t.text().length() > 1) {
                    sb.setLength(0);
                    sb.append('<').append(t.text()).append('>');
                    for (int n = config.charMin(); n <= config.charMax(); n++) {
                        for (int s = 0; s + n <= sb.length(); s++) {
                            if (n == sb.length()) {
                                break; // the whole "<word>" duplicates the word feature
                            }
                            out.add(hash(sb, s, s + n, SALT_CHAR + n));
                        }
                    }
                }
                i++;
            }
        }
        if (out.size > config.maxFeatures()) {
            out.size = config.maxFeatures();
        }
    }

    /** FNV-1a over {@code s[from, to)} with a salt, finished with the SplitMix64 mixer. */
    public static long hash(CharSequence s, int from, int to, long salt) {
        long h = FNV_OFFSET ^ (salt * 0x9E3779B97F4A7C15L);
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The embedding row of a feature hash. */
    public static int bucket(long hash, int buckets) {
        return (int) Long.remainderUnsigned(hash, buckets);
    }

    /** A reusable growable long buffer (avoids allocation on the inference hot path). */
    public static final class Buffer {
        long[] data = new long[256];
        int size;

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        public int size() {
            return size;
        }

        public long get(int i) {
            return data[i];
        }
    }
}
