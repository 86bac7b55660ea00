package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoGuardTest {
    private static final String GREETING = "Welcome to Acme Bank. How can I help you today?";

    @Test
    void misheardEchoOfThePromptIsEcho() {
        EchoGuard guard = new EchoGuard();
        guard.playing(GREETING);
        assertTrue(guard.isEcho("welcome to at me"), "Acme heard as 'at me' in the echo (measured)");
        assertTrue(guard.isEcho("how can i help"));
    }

    @Test
    void theCallersOwnWordsAreNot() {
        EchoGuard guard = new EchoGuard();
        guard.playing(GREETING);
        assertFalse(guard.isEcho("i lost my debit card"));
        assertFalse(guard.isEcho("agent please"));
        assertFalse(guard.isEcho("i want to check my balance"));
    }

    @Test
    void aPromptsEchoMayArriveShortlyAfterItStopped() {
        EchoGuard guard = new EchoGuard();
        guard.playing(GREETING);
        long stopped = System.nanoTime();
        guard.silent(stopped);
        guard.playing("You can ask for your balance, report a lost card, or ask about fees and loan payments.");
        assertTrue(guard.isEcho("how can", stopped + 1_000_000_000L), "the greeting's tail, 1 s after it stopped");
        assertFalse(guard.isEcho("how can", stopped + EchoGuard.ECHO_TAIL_NANOS + 1), "not once the tail has passed");
    }

    @Test
    void nothingIsEchoWhileTheBotIsSilent() {
        assertFalse(new EchoGuard().isEcho("welcome to acme bank"));
    }
}
