package io.callsight.tenants.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.config.ValidationError;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantId;
import io.callsight.tenants.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRegistryFileTest {
    static final String HASH = "sha256:" + "A".repeat(42) + "w";
    static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 45 bytes of base64

    static final String VALID = """
            format: 1
            tenants:
              - id: acme-bank
                name: "Acme Bank: retail"
                languages: [en]
                time_zone: America/New_York
                retention:
                  recordings_days: 365
                  transcripts_days: 730
                api_keys:
                  - id: 0123456789abcdef
                    role: ingest
                    hash: "%s"
                    created: 2026-01-02T03:04:05Z
                    revoked: false
                  - id: fedcba9876543210
                    role: qa
                    hash: "%s"
                    created: 2026-01-02T03:04:05Z
                    revoked: true
                audiohook_secret:
                  encrypted: "%s"
                  rotated: 2026-01-02T03:04:05Z
              - id: zh-tenant_2
                name: 华夏保险
                languages: [zh, en]
                time_zone: Asia/Shanghai
                retention: {recordings_days: 30, transcripts_days: 90}
            """.formatted(HASH, HASH, SECRET);

    private static List<String> errors(String yaml) {
        TenantRegistryFile.Parsed p = TenantRegistryFile.parse("tenants.yaml", yaml);
        assertFalse(p.valid(), "expected problems in:\n" + yaml);
        assertNull(p.registry(), "an invalid file yields no registry at all");
        return p.errors().stream().map(ValidationError::toString).toList();
    }

    private static void assertError(String yaml, String expected) {
        List<String> errors = errors(yaml);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("tenants.yaml:") && e.contains(expected)),
                "expected '" + expected + "' in " + errors);
    }

    /** The VALID file with one line replaced. */
    private static String with(String line, String replacement) {
        assertTrue(VALID.contains(line), line);
        return VALID.replace(line, replacement);
    }

    @Test
    void readsAValidFile() {
        TenantRegistryFile.Parsed p = TenantRegistryFile.parse("tenants.yaml", VALID);
        assertEquals(List.of(), p.errors());
        TenantRegistry r = p.registry();
        assertEquals(2, r.size());
        Tenant acme = r.tenant("acme-bank").orElseThrow();
        assertEquals("Acme Bank: retail", acme.name());
        assertEquals(ZoneId.of("America/New_York"), acme.timeZone());
        assertEquals(730, acme.retention().transcriptsDays());
        assertEquals(Role.QA, acme.apiKey("fedcba9876543210").orElseThrow().role());
        assertTrue(acme.apiKey("fedcba9876543210").orElseThrow().revoked());
        assertTrue(acme.audioHookSecret().isPresent());
        assertEquals("acme-bank", r.keyOwner("0123456789abcdef").orElseThrow().id());
        Tenant zh = r.tenant("zh-tenant_2").orElseThrow();
        assertEquals(List.of("zh", "en"), zh.languages());
        assertEquals("华夏保险", zh.name());
        assertTrue(zh.apiKeys().isEmpty());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        TenantRegistry r = TenantRegistryFile.parse("a", VALID).registry();
        String written = TenantRegistryFile.format(r);
        TenantRegistryFile.Parsed again = TenantRegistryFile.parse("b", written);
        assertEquals(List.of(), again.errors(), written);
        assertEquals(r.tenants(), again.registry().tenants());
    }

    @Test
    void namesThatLookLikeYamlSurviveTheRoundTrip() {
        for (String name : List.of("a: b", "#hash", "- dash", "quote \" and \\ back", "line\nbreak", "yes", "'x'", "  pad ")) {
            String yaml = with("name: \"Acme Bank: retail\"", "name: " + TenantRegistryFile.quote(name));
            Tenant t = TenantRegistryFile.parse("x", yaml).registry().tenant("acme-bank").orElseThrow();
            assertEquals(name, t.name());
        }
    }

    @Test
    void anEmptyRegistryIsValid() {
        assertEquals(0, TenantRegistryFile.parse("t", "tenants: []\n").registry().size());
        assertEquals(0, TenantRegistryFile.parse("t", TenantRegistryFile.format(TenantRegistry.empty())).registry().size());
    }

    @Test
    void reportsEachProblemWithItsLine() {
        assertEquals(List.of("tenants.yaml:1: file is empty"), errors(""));
        assertError("tenants: [\n", "invalid YAML");
        assertError("format: 1\n", "tenants.yaml:1: missing 'tenants'");
        assertError("format: 2\ntenants: []\n", "tenants.yaml:1: unsupported format 2");
        assertError("tenants: []\nextra: 1\n", "tenants.yaml:2: unknown key 'extra'");
        assertError(with("    time_zone: America/New_York", "    time_zone: Mars/Olympus"),
                "tenants.yaml:6: unknown time zone 'Mars/Olympus' in tenant 'acme-bank'");
        assertError(with("      recordings_days: 365", "      recordings_days: 0"),
                "tenants.yaml:8: recordings_days of tenant 'acme-bank' must be a whole number of days from 1 to 36500, not '0'");
        assertError(with("      transcripts_days: 730", "      transcripts_days: -5"), "tenants.yaml:9: transcripts_days");
        assertError(with("      transcripts_days: 730", "      transcripts_days: a year"), "not 'a year'");
        assertError(with("      transcripts_days: 730\n", ""), "tenants.yaml:8: 'retention' of tenant 'acme-bank' is missing 'transcripts_days'");
        assertError(with("    languages: [en]", "    languages: [fr]"), "tenants.yaml:5: unsupported language 'fr'");
        assertError(with("    languages: [en]", "    languages: []"), "tenants.yaml:5: tenant 'acme-bank' has no languages");
        assertError(with("    languages: [en]\n", ""), "tenants.yaml:3: tenant 'acme-bank' is missing 'languages'");
        assertError(with("        role: ingest", "        role: root"),
                "tenants.yaml:12: unknown role 'root' of API key 0123456789abcdef (expected ingest|qa|agent|admin)");
        assertError(with("        revoked: true", "        revoked: maybe"), "tenants.yaml:20: 'revoked' of API key fedcba9876543210 must be true or false");
        assertError(with("        created: 2026-01-02T03:04:05Z\n        revoked: false", "        created: yesterday\n        revoked: false"),
                "tenants.yaml:14: 'created' of API key 0123456789abcdef must be a UTC time");
        assertError(with("  - id: fedcba9876543210", "  - id: 0123456789abcdef"),
                "tenants.yaml:16: duplicate API key id 0123456789abcdef (first at line 11)");
        assertError(with("  - id: zh-tenant_2", "  - id: acme-bank"), "tenants.yaml:24: duplicate tenant 'acme-bank' (first at line 3)");
        assertError(with("    name: 华夏保险", "    nom: 华夏保险"), "tenants.yaml:25: unknown key 'nom' in a tenant");
        assertError(with("    audiohook_secret:", "    audiohook_secret:\n      extra: 1"), "unknown key 'extra'");
        assertError(with("      encrypted: \"" + SECRET + "\"", "      encrypted: \"not base64!\""),
                "tenants.yaml:22: 'encrypted' of 'audiohook_secret' of tenant 'acme-bank' is not an encrypted secret");
        assertError("tenants:\n  - just a string\n", "tenants.yaml:2: a tenant must be a mapping");
        assertError("tenants:\n  id: x\n", "tenants.yaml:2: tenants must be a list");
        assertError("tenants:\n  - {id: a, id: b, name: n, languages: [en], time_zone: UTC, retention: {recordings_days: 1, transcripts_days: 1}}\n",
                "duplicate key 'id'");
    }

    @Test
    void collectsEveryProblemInOneRun() {
        String yaml = with("    time_zone: America/New_York", "    time_zone: Nowhere")
                .replace("        role: ingest", "        role: boss")
                .replace("    languages: [zh, en]", "    languages: [xx]");
        List<String> errors = errors(yaml);
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("tenants.yaml:6:"), errors.toString());
        assertTrue(errors.get(1).startsWith("tenants.yaml:12:"), errors.toString());
        assertTrue(errors.get(2).startsWith("tenants.yaml:26:"), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", "/etc", "Acme", "ACME", "a b", "-lead", "_lead", "a\\b", "ä", "a.b"})
    void rejectsTenantIdsThatAreNotSafeNames(String id) {
        assertFalse(TenantId.isValid(id));
        assertError(with("  - id: zh-tenant_2", "  - id: " + TenantRegistryFile.quote(id)),
                "tenants.yaml:24: invalid tenant id");
        assertThrows(IllegalArgumentException.class, () -> TenantId.require(id));
    }

    @Test
    void tenantIdLimits() {
        assertError(with("  - id: zh-tenant_2", "  - id: \"\""), "tenants.yaml:24: tenant id is empty");
        assertTrue(TenantId.isValid("a".repeat(63)));
        assertFalse(TenantId.isValid("a".repeat(64)));
        assertTrue(TenantId.isValid("0"));
    }

    @Test
    void aKeyPastedIntoTheHashFieldIsRejectedWithoutBeingEchoed() {
        String key = "csk_0123456789abcdef_" + "S".repeat(43);
        List<String> errors = errors(with("        hash: \"" + HASH + "\"\n        created: 2026-01-02T03:04:05Z\n        revoked: false",
                "        hash: \"" + key + "\"\n        created: 2026-01-02T03:04:05Z\n        revoked: false"));
        assertTrue(errors.toString().contains("tenants.yaml:13: 'hash' of API key 0123456789abcdef is not a key hash"), errors.toString());
        assertFalse(errors.toString().contains("SSSS"), errors.toString());
    }

    @Test
    void readReportsProblemsAsFileLineMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tenants.yaml");
        Files.writeString(file, with("    time_zone: America/New_York", "    time_zone: Nowhere"));
        InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> TenantRegistryFile.read(file));
        assertEquals(file + ":6: unknown time zone 'Nowhere' in tenant 'acme-bank' (use a region id such as Europe/London or"
                + " Asia/Shanghai)", e.getMessage());
    }

    @Test
    void writesAtomicallyWithOwnerOnlyMode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/tenants.yaml");
        TenantRegistryFile.write(file, TenantRegistryFile.parse("a", VALID).registry());
        assertEquals(2, TenantRegistryFile.read(file).size());
        TenantRegistryFile.write(file, TenantRegistry.empty());
        assertEquals(0, TenantRegistryFile.read(file).size());
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temp file left behind");
        }
        Assumptions.assumeTrue(PrivateFiles.posix());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }
}
