package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NbWeightsTest {
    /** Row 0 only in class 0, row 1 in both classes alike, row 2 once per class-1 document. */
    @Test
    void polarRowsOutweighNeutralOnes() {
        List<int[]> docs = List.of(new int[] {0, 1}, new int[] {0, 1, 0}, new int[] {1, 2}, new int[] {1, 2});
        int[] y = {0, 0, 1, 1};
        float[] w = NbWeights.of(docs, y, 2, 3, 1f);
        assertEquals(0, w[1], 1e-6, "a row spread evenly over the classes carries no evidence");
        assertTrue(w[0] > 0.5 && w[2] > 0.5, "polar rows: " + w[0] + ", " + w[2]);
        // binarized counts: row 0 twice in one document counts once, so it mirrors row 2
        assertEquals(w[0], w[2], 1e-6);
    }
}
