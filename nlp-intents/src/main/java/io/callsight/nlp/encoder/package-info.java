/**
 * The pretrained sentence encoder (BAAI bge-small-en-v1.5, int8 ONNX, from Maven Central) that encoder-head
 * classifiers sit on: a BERT WordPiece tokenizer in plain Java and an ONNX Runtime session. No Flink or Kafka here.
 */
package io.callsight.nlp.encoder;
