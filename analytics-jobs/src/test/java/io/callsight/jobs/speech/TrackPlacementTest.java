package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackPlacementTest {
    private static AudioFrame frame(String callId, Track track, long seq) {
        return new AudioFrame("acme", callId, track, seq, seq * 20, AudioCodec.PCMU, 8000, new byte[160], false);
    }

    @Test
    void theTracksOfEveryCallLandOnDifferentSubtasks() {
        TrackPlacement placement = new TrackPlacement(2);
        int[] perSubtask = new int[2];
        for (int i = 0; i < 1000; i++) {
            String call = UUID.randomUUID().toString();
            int customer = placement.subtask(placement.getKey(frame(call, Track.CUSTOMER, 0)));
            int agent = placement.subtask(placement.getKey(frame(call, Track.AGENT, 0)));
            assertNotEquals(customer, agent, call);
            perSubtask[customer]++;
            perSubtask[agent]++;
        }
        assertEquals(1000, perSubtask[0]);
        assertEquals(1000, perSubtask[1]);
    }

    @Test
    void spreadsTracksEvenlyOverMoreSubtasks() {
        TrackPlacement placement = new TrackPlacement(3);
        for (int i = 0; i < 200; i++) {
            String call = "call-" + i;
            int a = placement.subtask(placement.getKey(frame(call, Track.CUSTOMER, 0)));
            int b = placement.subtask(placement.getKey(frame(call, Track.AGENT, 0)));
            int c = placement.subtask(placement.getKey(frame(call, Track.BOT, 0)));
            assertEquals(3, java.util.Set.of(a, b, c).size(), call);
        }
    }

    @Test
    void everyFrameOfATrackGetsTheSameKey() {
        TrackPlacement placement = new TrackPlacement(2);
        String first = placement.getKey(frame("c-42", Track.AGENT, 0));
        for (long seq = 1; seq < 100; seq++) {
            assertEquals(first, placement.getKey(frame("c-42", Track.AGENT, seq)));
        }
        assertEquals(first, new TrackPlacement(2).getKey(frame("c-42", Track.AGENT, 7)), "a restarted job agrees");
    }

    @Test
    void keepsThePlainTrackKeyWhereItAlreadyLandsRight() {
        TrackPlacement placement = new TrackPlacement(1);
        assertEquals("c-1/CUSTOMER", placement.getKey(frame("c-1", Track.CUSTOMER, 0)));
        TrackPlacement two = new TrackPlacement(2);
        long plain = java.util.stream.IntStream.range(0, 400).mapToObj(i -> frame("call-" + i, Track.AGENT, 0))
                .filter(f -> two.getKey(f).equals(f.trackKey())).count();
        // about half the agent tracks already hash to the other subtask than their customer
        assertEquals(200, plain, 40);
    }

    @Test
    void refusesAParallelismItCannotPlace() {
        assertThrows(IllegalArgumentException.class, () -> new TrackPlacement(0));
        assertThrows(IllegalArgumentException.class, () -> new TrackPlacement(TrackPlacement.MAX_PARALLELISM + 1));
    }
}
