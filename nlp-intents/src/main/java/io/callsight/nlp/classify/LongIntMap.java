package io.callsight.nlp.classify;

import java.util.Arrays;

/** Open-addressing long → int map (no boxing) for feature vocabularies. Missing keys return -1. */
public final class LongIntMap {
    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        used = new boolean[cap];
    }

    public int size() {
        return size;
    }

    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = (int) NgramFeaturizer.mix(key) & mask; ; i = (i + 1) & mask) {
            if (!used[i]) {
                return -1;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    public void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = (int) NgramFeaturizer.mix(key) & mask; ; i = (i + 1) & mask) {
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** Keys in insertion-independent slot order paired with values: {@code [k0, v0, k1, v1, ...]} as longs. */
    public long[] entries() {
        long[] out = new long[size * 2];
        int j = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                out[j++] = keys[i];
                out[j++] = values[i];
            }
        }
        return out;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
        Arrays.fill(u, false);
    }
}
