/** Sentiment (label + score in [-1, 1]) on top of the same embedding-bag classifier, English and Chinese. */
package io.callsight.nlp.sentiment;
