package io.callsight.nlp.eval;

import java.nio.file.Path;

/** What an evaluation measured: the version evaluated, the model's metrics (not the baseline's) and the reports. */
public record EvalResult(Path versionDir, Metrics metrics, Path htmlReport, Path confusionMatrix) {}
