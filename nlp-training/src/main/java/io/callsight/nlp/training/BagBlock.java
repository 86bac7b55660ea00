package io.callsight.nlp.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * DJL block of the fastText-style classifier. Inputs: batch-local row indices {@code [B, L]} (int64), pooling
 * weights {@code [B, L]} (1/n for the n real features of an utterance, 0 for padding) and the batch's embedding rows
 * {@code [U, D]} (a leaf that requires gradient: the big table lives outside and is updated sparsely, like
 * {@code nn.EmbeddingBag(sparse=True)} + {@code SparseAdam}). Output: logits {@code [B, classes]}.
 */
final class BagBlock extends AbstractBlock {
    final Parameter weight;
    final Parameter bias;
    private final int classes;
    private final float dropout;

    BagBlock(int dim, int classes, float dropout) {
        this.classes = classes;
        this.dropout = dropout;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, dim)).optInitializer(new XavierInitializer()).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(classes)).optInitializer(new ConstantInitializer(0)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray idx = inputs.get(0);
        NDArray wt = inputs.get(1);
        NDArray table = inputs.get(2);
        NDArray w = ps.getValue(weight, idx.getDevice(), training);
        NDArray b = ps.getValue(bias, idx.getDevice(), training);
        NDArray rows = Embedding.embedding(idx, table, SparseFormat.DENSE).singletonOrThrow(); // [B, L, D]
        NDArray pooled = rows.mul(wt.expandDims(2)).sum(new int[] {1}); // [B, D]
        if (training && dropout > 0) {
            pooled = Dropout.dropout(pooled, dropout, true).singletonOrThrow();
        }
        return new NDList(pooled.matMul(w.transpose()).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
