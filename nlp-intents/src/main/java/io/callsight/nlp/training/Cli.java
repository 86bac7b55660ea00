package io.callsight.nlp.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny {@code --key value} / {@code --flag} argument parser shared by the training and eval mains. */
final class Cli {
    final String command;
    final Map<String, String> opts = new LinkedHashMap<>();

    Cli(String[] args, List<String> flags) {
        String cmd = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String k = a.substring(2);
                if (flags.contains(k)) {
                    opts.put(k, "true");
                } else if (i + 1 < args.length) {
                    opts.put(k, args[++i]);
                } else {
                    throw new IllegalArgumentException("missing value for " + a);
                }
            } else if (a.equals("-h")) {
                opts.put("help", "true");
            } else if (cmd == null) {
                cmd = a;
            } else {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        command = cmd;
    }

    boolean has(String k) {
        return opts.containsKey(k);
    }

    String get(String k, String def) {
        return opts.getOrDefault(k, def);
    }

    String require(String k) {
        String v = opts.get(k);
        if (v == null) {
            throw new IllegalArgumentException("--" + k + " is required (try --help)");
        }
        return v;
    }
}
