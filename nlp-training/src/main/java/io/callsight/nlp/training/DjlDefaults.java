package io.callsight.nlp.training;

import java.nio.file.Path;

/**
 * How every NLU training and benchmark run sets up DJL, unless the JVM was started with other values: offline (the
 * PyTorch natives come from the classpath, never a download), no usage tracking, the native cache under
 * {@code ~/.callsight/djl-cache} rather than {@code ~/.djl.ai}, and one PyTorch thread: the models are small
 * enough that PyTorch's thread pools cost more than they bring, and one thread keeps runs comparable.
 */
public final class DjlDefaults {
    private DjlDefaults() {}

    /**
     * Sets what is not already set. Idempotent; must run before DJL's engine first loads (it reads these once), so
     * the training entry points and the trainers' class initializers all call it.
     */
    public static void apply() {
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        String cache = Path.of(System.getProperty("user.home"), ".callsight", "djl-cache").toString();
        // DJL prefers the environment variable to the property: only fill in what neither sets
        if (System.getenv("DJL_CACHE_DIR") == null) {
            setDefault("DJL_CACHE_DIR", cache);
        }
        if (System.getenv("ENGINE_CACHE_DIR") == null) {
            setDefault("ENGINE_CACHE_DIR", cache);
        }
    }

    static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
