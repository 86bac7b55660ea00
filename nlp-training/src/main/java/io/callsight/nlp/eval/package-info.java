/**
 * Measuring trained models: metrics, calibration and speed ({@link io.callsight.nlp.eval.Evaluator}), the
 * confusion-matrix PNG and HTML report of {@code callsight eval} ({@link io.callsight.nlp.eval.NluEvaluation}), and
 * the offline current-vs-candidate release report. Depends on the runtime and {@code data} only: training uses it
 * for validation and calibration, never the other way round.
 */
package io.callsight.nlp.eval;
