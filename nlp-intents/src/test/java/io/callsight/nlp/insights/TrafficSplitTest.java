package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrafficSplitTest {
    @Test
    void shareZeroAndOneRouteEveryCallOneWay() {
        for (int i = 0; i < 1000; i++) {
            assertFalse(TrafficSplit.toCandidate("call-" + i, 0));
            assertTrue(TrafficSplit.toCandidate("call-" + i, 1));
        }
    }

    @Test
    void aShareRoutesAboutThatFractionOfCalls() {
        for (double share : new double[] {0.05, 0.2, 0.5}) {
            int candidate = 0;
            for (int i = 0; i < 10_000; i++) {
                if (TrafficSplit.toCandidate("acme-" + Integer.toHexString(i * 7919) + "-call", share)) {
                    candidate++;
                }
            }
            assertEquals(share, candidate / 10_000.0, 0.02, "share " + share);
        }
    }

    @Test
    void aCallAlwaysGetsTheSameVariantAndRaisingTheShareOnlyAddsCalls() {
        for (int i = 0; i < 2000; i++) {
            String call = "c" + i;
            assertEquals(TrafficSplit.toCandidate(call, 0.3), TrafficSplit.toCandidate(call, 0.3));
            if (TrafficSplit.toCandidate(call, 0.1)) {
                assertTrue(TrafficSplit.toCandidate(call, 0.3), call + " left the candidate when the share grew");
            }
        }
    }
}
