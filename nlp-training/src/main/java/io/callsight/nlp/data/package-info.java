/** Labeled utterances and their loaders: tenant CSV/TSV/JSON files and the shared benchmark corpora, splits, hashes. */
package io.callsight.nlp.data;
