package io.callsight.archive;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Call and tenant ids become file names: nothing that could leave the archive directory gets through. */
class RecordingKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", ".", "x/../../etc/passwd", "a\\b", "/etc/passwd", "", " call", "call\n",
            ".hidden", "a..b", "c%2e%2e"})
    void aCallIdThatIsNotAPlainNameIsRejected(String callId) {
        assertThrows(IllegalArgumentException.class, () -> new RecordingKey("acme", callId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../acme", "acme/../globex", "..", "a/b", "ACME", "", "acme\u0000"})
    void aTenantIdThatIsNotAPlainNameIsRejected(String tenant) {
        assertThrows(IllegalArgumentException.class, () -> new RecordingKey(tenant, "call-1"));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(RuntimeException.class, () -> new RecordingKey(null, "call-1"));
        assertThrows(IllegalArgumentException.class, () -> new RecordingKey("acme", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call-1", "8f14e45f-ceea-467f-a0e6-0b1c2d3e4f50", "2026-01-01T10:00:00Z_7", "A.b_c:d"})
    void ordinaryCallIdsStayInsideTheTenantsDirectory(String callId) {
        FileSystemRecordingStore store = new FileSystemRecordingStore(Path.of("/tmp/archive"));
        RecordingKey key = assertDoesNotThrow(() -> new RecordingKey("acme", callId));
        assertTrue(store.file(key).startsWith(Path.of("/tmp/archive/acme")), store.file(key).toString());
    }
}
