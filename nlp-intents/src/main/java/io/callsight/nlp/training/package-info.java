/**
 * DJL + PyTorch training ({@link io.callsight.nlp.training.BagTrainer}), data loaders, train-or-reuse with data
 * hashing, and the {@code train}/{@code eval} entry points ({@link io.callsight.nlp.training.Train},
 * {@link io.callsight.nlp.training.Eval}).
 */
package io.callsight.nlp.training;
