package io.callsight.voicebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UlawTest {
    @Test
    void expandsByG711() {
        assertEquals(0, Ulaw.toLinear((byte) 0xFF));
        assertEquals(0, Ulaw.toLinear((byte) 0x7F));
        assertEquals(-32124, Ulaw.toLinear((byte) 0x00));
        assertEquals(32124, Ulaw.toLinear((byte) 0x80));
        assertEquals(-8, Ulaw.toLinear((byte) 0x7E));
        assertEquals(8, Ulaw.toLinear((byte) 0xFE));
        for (int i = 0; i < 127; i++) {
            assertTrue(Math.abs(Ulaw.toLinear((byte) i)) > Math.abs(Ulaw.toLinear((byte) (i + 1))), "monotonic " + i);
        }
    }

    @Test
    void silenceHasNoLevel() {
        assertEquals(0, Ulaw.level(Ulaw.silence(160)));
        assertEquals(0, Ulaw.level(new byte[0]));
        assertTrue(Ulaw.level(EchoBot.prompt(160)) > 1000);
    }
}
