/** Metrics, calibration/speed measurement, confusion-matrix PNG, HTML report and the {@code NluBenchmark}. */
package io.callsight.nlp.eval;
