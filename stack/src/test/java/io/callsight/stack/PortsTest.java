package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void portWithListenerIsInUseAndTheErrorSaysWhatToDo() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();

            assertFalse(Ports.isFree("127.0.0.1", port));
            int taken = port;
            StackException e = assertThrows(StackException.class, () -> Ports.requireFree(taken, "Kafka"));
            assertTrue(e.getMessage().contains("Kafka port " + port), e.getMessage());
            assertTrue(e.getMessage().contains("callsight down"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one-line message for the CLI");
        }
        assertTrue(Ports.isFree("127.0.0.1", port));
        int released = port;
        assertDoesNotThrow(() -> Ports.requireFree(released, "Kafka"));
    }

    @Test
    void wildcardListenerAlsoBlocksLoopback() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            assertFalse(Ports.isFree("127.0.0.1", listener.getLocalPort()));
        }
    }
}
