/**
 * {@code callsight bench nlu}: trains every model kind and the TF-IDF baseline on the shared corpora and prints
 * them side by side ({@link io.callsight.nlp.benchmark.NluBenchmark}), and the k-fold cross-validation its
 * settings were chosen with. The top of the module: it uses {@code training}, {@code eval} and {@code data}.
 */
package io.callsight.nlp.benchmark;
