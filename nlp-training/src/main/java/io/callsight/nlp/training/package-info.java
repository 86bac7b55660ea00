/**
 * DJL + PyTorch training of the runtime's models (encoder heads, hashed n-gram bags, ensembles, cascades; TF-IDF
 * baselines), train-or-reuse with data hashing ({@link io.callsight.nlp.training.ModelTraining}), and the typed
 * entry point of {@code callsight train} ({@link io.callsight.nlp.training.NluTraining}) and of the demo's models
 * ({@link io.callsight.nlp.training.DemoNluModels}).
 */
package io.callsight.nlp.training;
