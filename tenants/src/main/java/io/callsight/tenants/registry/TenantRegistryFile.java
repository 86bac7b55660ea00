package io.callsight.tenants.registry;

import io.callsight.config.ValidationError;
import io.callsight.config.YamlDocument;
import io.callsight.tenants.ApiKey;
import io.callsight.tenants.EncryptedSecret;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantId;
import io.callsight.tenants.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and writes the registry YAML. Reading validates everything and reports each problem with its line; a file
 * with any problem yields no registry at all, because a half-loaded registry would silently drop a tenant's keys.
 * Writing emits the same layout the parser reads, with every free-text value double-quoted.
 */
public final class TenantRegistryFile {
    public static final int FORMAT = 1;
    public static final Set<String> LANGUAGES = Set.of("en", "zh");
    private static final int MIN_SECRET_BYTES = 12 + 16 + 16; // iv + tag + a 16-byte secret at least

    private static final Set<String> TOP_KEYS = Set.of("format", "tenants");
    private static final Set<String> TENANT_KEYS = Set.of("id", "name", "languages", "time_zone", "retention",
            "api_keys", "audiohook_secret");
    private static final Set<String> RETENTION_KEYS = Set.of("recordings_days", "transcripts_days");
    private static final Set<String> KEY_KEYS = Set.of("id", "role", "hash", "created", "revoked");
    private static final Set<String> SECRET_KEYS = Set.of("encrypted", "rotated");

    private TenantRegistryFile() {
    }

    /** The registry, or every problem in it (registry null). */
    public record Parsed(TenantRegistry registry, List<ValidationError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Reads {@code file}; throws {@link InvalidRegistryException} listing every problem. */
    public static TenantRegistry read(Path file) throws IOException {
        Parsed p = parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        if (!p.valid()) {
            throw new InvalidRegistryException(p.errors());
        }
        return p.registry();
    }

    /** Like {@link #read}, but a registry that does not exist yet is empty (the first {@code tenants add}). */
    public static TenantRegistry readOrEmpty(Path file) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return TenantRegistry.empty();
        }
    }

    public static Parsed parse(String source, String content) {
        YamlDocument doc = YamlDocument.parse(source, content);
        if (doc.root() == null) {
            return new Parsed(null, List.copyOf(doc.errors()));
        }
        List<Tenant> tenants = new ArrayList<>();
        Map<String, Node> top = doc.mapping(doc.root(), "the registry", TOP_KEYS);
        if (top != null) {
            Node format = top.get("format");
            if (format != null) {
                String f = doc.scalar(format, "format");
                if (f != null && !f.equals(String.valueOf(FORMAT))) {
                    doc.error(format, "unsupported format " + f + " (this version reads format " + FORMAT + ")");
                }
            }
            Node list = top.get("tenants");
            if (list == null) {
                doc.error(doc.root(), "missing 'tenants' (a list; 'tenants: []' for none)");
            } else {
                List<Node> items = doc.sequence(list, "tenants");
                if (items != null) {
                    Map<String, Integer> ids = new HashMap<>();
                    Map<String, Integer> keyIds = new HashMap<>();
                    for (Node item : items) {
                        Tenant t = tenant(doc, item, ids, keyIds);
                        if (t != null) {
                            tenants.add(t);
                        }
                    }
                }
            }
        }
        List<ValidationError> errors = new ArrayList<>(doc.errors());
        Collections.sort(errors);
        return errors.isEmpty() ? new Parsed(new TenantRegistry(tenants), List.of()) : new Parsed(null, List.copyOf(errors));
    }

    private static Tenant tenant(YamlDocument doc, Node node, Map<String, Integer> ids, Map<String, Integer> keyIds) {
        Map<String, Node> m = doc.mapping(node, "a tenant", TENANT_KEYS);
        if (m == null) {
            return null;
        }
        int before = doc.errors().size();
        String id = required(doc, m, node, "id", "tenant");
        String label = id == null ? "tenant at line " + YamlDocument.line(node) : "tenant '" + id + "'";
        if (id != null) {
            String problem = TenantId.problem(id);
            if (problem != null) {
                doc.error(m.get("id"), problem);
            } else {
                Integer prev = ids.putIfAbsent(id, YamlDocument.line(m.get("id")));
                if (prev != null) {
                    doc.error(m.get("id"), "duplicate tenant '" + id + "' (first at line " + prev + ")");
                }
            }
        }
        String name = required(doc, m, node, "name", label);
        if (name != null && name.isBlank()) {
            doc.error(m.get("name"), "empty 'name' in " + label);
        }
        List<String> languages = languages(doc, m, node, label);
        ZoneId zone = timeZone(doc, m, node, label);
        Retention retention = retention(doc, m, node, label);
        List<ApiKey> keys = new ArrayList<>();
        if (m.containsKey("api_keys")) {
            List<Node> items = doc.sequence(m.get("api_keys"), "api_keys of " + label);
            if (items != null) {
                for (Node k : items) {
                    ApiKey key = apiKey(doc, k, label, keyIds);
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
        }
        Optional<EncryptedSecret> secret = Optional.empty();
        if (m.containsKey("audiohook_secret")) {
            secret = Optional.ofNullable(secret(doc, m.get("audiohook_secret"), label));
        }
        if (doc.errors().size() > before) {
            return null;
        }
        return new Tenant(id, name, languages, zone, retention, keys, secret);
    }

    private static String required(YamlDocument doc, Map<String, Node> m, Node owner, String key, String label) {
        Node n = m.get(key);
        if (n == null) {
            doc.error(owner, label + " is missing '" + key + "'");
            return null;
        }
        return doc.scalar(n, "'" + key + "' of " + label);
    }

    private static List<String> languages(YamlDocument doc, Map<String, Node> m, Node owner, String label) {
        Node n = m.get("languages");
        if (n == null) {
            doc.error(owner, label + " is missing 'languages' (e.g. [en] or [zh])");
            return List.of();
        }
        List<Node> items = doc.sequence(n, "'languages' of " + label);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            doc.error(n, label + " has no languages (e.g. [en] or [zh])");
        }
        List<String> out = new ArrayList<>();
        for (Node item : items) {
            String lang = doc.scalar(item, "a language of " + label);
            if (lang == null) {
                continue;
            }
            if (!LANGUAGES.contains(lang)) {
                doc.error(item, "unsupported language '" + lang + "' in " + label + " (supported: "
                        + LANGUAGES.stream().sorted().collect(Collectors.joining(", ")) + ")");
            } else if (out.contains(lang)) {
                doc.error(item, "language '" + lang + "' listed twice in " + label);
            } else {
                out.add(lang);
            }
        }
        return out;
    }

    private static ZoneId timeZone(YamlDocument doc, Map<String, Node> m, Node owner, String label) {
        String zone = required(doc, m, owner, "time_zone", label);
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            doc.error(m.get("time_zone"), "unknown time zone '" + zone + "' in " + label
                    + " (use a region id such as Europe/London or Asia/Shanghai)");
            return null;
        }
    }

    private static Retention retention(YamlDocument doc, Map<String, Node> m, Node owner, String label) {
        Node n = m.get("retention");
        if (n == null) {
            doc.error(owner, label + " is missing 'retention' (recordings_days, transcripts_days)");
            return null;
        }
        Map<String, Node> r = doc.mapping(n, "'retention' of " + label, RETENTION_KEYS);
        if (r == null) {
            return null;
        }
        Integer recordings = days(doc, r, n, "recordings_days", label);
        Integer transcripts = days(doc, r, n, "transcripts_days", label);
        return recordings == null || transcripts == null ? null : new Retention(recordings, transcripts);
    }

    private static Integer days(YamlDocument doc, Map<String, Node> r, Node owner, String key, String label) {
        String v = required(doc, r, owner, key, "'retention' of " + label);
        if (v == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(v);
            if (days >= 1 && days <= Retention.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        doc.error(r.get(key), key + " of " + label + " must be a whole number of days from 1 to " + Retention.MAX_DAYS
                + ", not '" + v + "'");
        return null;
    }

    private static ApiKey apiKey(YamlDocument doc, Node node, String tenant, Map<String, Integer> keyIds) {
        Map<String, Node> m = doc.mapping(node, "an API key of " + tenant, KEY_KEYS);
        if (m == null) {
            return null;
        }
        int before = doc.errors().size();
        String id = required(doc, m, node, "id", "an API key of " + tenant);
        String label = id == null ? "API key at line " + YamlDocument.line(node) : "API key " + id;
        if (id != null) {
            if (!ApiKey.ID.matcher(id).matches()) {
                doc.error(m.get("id"), "invalid API key id '" + id + "' in " + tenant + " (8-32 lowercase letters or digits)");
            } else {
                Integer prev = keyIds.putIfAbsent(id, YamlDocument.line(m.get("id")));
                if (prev != null) {
                    doc.error(m.get("id"), "duplicate API key id " + id + " (first at line " + prev + ")");
                }
            }
        }
        String roleId = required(doc, m, node, "role", label);
        Optional<Role> role = roleId == null ? Optional.empty() : Role.fromId(roleId);
        if (roleId != null && role.isEmpty()) {
            doc.error(m.get("role"), "unknown role '" + roleId + "' of " + label + " (expected " + Role.ids() + ")");
        }
        String hash = required(doc, m, node, "hash", label);
        if (hash != null && !ApiKey.HASH.matcher(hash).matches()) {
            // the value is not echoed: someone may have pasted the key itself here
            doc.error(m.get("hash"), "'hash' of " + label + " is not a key hash (sha256: and 43 base64url characters);"
                    + " keys are created with `callsight tenants keys create`, never written here in clear");
        }
        Instant created = instant(doc, m, node, "created", label);
        boolean revoked = false;
        if (m.containsKey("revoked")) {
            String v = doc.scalar(m.get("revoked"), "'revoked' of " + label);
            if ("true".equals(v)) {
                revoked = true;
            } else if (v != null && !"false".equals(v)) {
                doc.error(m.get("revoked"), "'revoked' of " + label + " must be true or false, not '" + v + "'");
            }
        }
        if (doc.errors().size() > before) {
            return null;
        }
        return new ApiKey(id, role.orElseThrow(), hash, created, revoked);
    }

    private static EncryptedSecret secret(YamlDocument doc, Node node, String tenant) {
        String label = "'audiohook_secret' of " + tenant;
        Map<String, Node> m = doc.mapping(node, label, SECRET_KEYS);
        if (m == null) {
            return null;
        }
        int before = doc.errors().size();
        String encrypted = required(doc, m, node, "encrypted", label);
        if (encrypted != null) {
            boolean ok;
            try {
                ok = Base64.getDecoder().decode(encrypted).length >= MIN_SECRET_BYTES;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            if (!ok) {
                doc.error(m.get("encrypted"), "'encrypted' of " + label + " is not an encrypted secret; rotate it with"
                        + " `callsight tenants secret rotate --tenant " + tenant.replaceAll("^tenant '|'$", "") + "`");
            }
        }
        Instant rotated = instant(doc, m, node, "rotated", label);
        return doc.errors().size() > before ? null : new EncryptedSecret(encrypted, rotated);
    }

    private static Instant instant(YamlDocument doc, Map<String, Node> m, Node owner, String key, String label) {
        String v = required(doc, m, owner, key, label);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            doc.error(m.get(key), "'" + key + "' of " + label + " must be a UTC time like 2026-01-31T09:00:00Z, not '" + v + "'");
            return null;
        }
    }

    /** Replaces {@code file} atomically (mode 0600) with {@code registry}. */
    public static void write(Path file, TenantRegistry registry) throws IOException {
        PrivateFiles.writeAtomically(file, format(registry).getBytes(StandardCharsets.UTF_8));
    }

    public static String format(TenantRegistry registry) {
        StringBuilder y = new StringBuilder();
        y.append("# Callsight tenant registry. Written by `callsight tenants`; may be edited by hand, then check it with\n");
        y.append("# `callsight tenants validate`. Services reload it within a second of a change.\n");
        y.append("# API keys are stored only as SHA-256 hashes; the AudioHook client secret is AES-256-GCM under the master key.\n");
        y.append("format: ").append(FORMAT).append('\n');
        if (registry.tenants().isEmpty()) {
            y.append("tenants: []\n");
            return y.toString();
        }
        y.append("tenants:\n");
        for (Tenant t : registry.tenants()) {
            y.append("  - id: ").append(t.id()).append('\n');
            y.append("    name: ").append(quote(t.name())).append('\n');
            y.append("    languages: [").append(String.join(", ", t.languages())).append("]\n");
            y.append("    time_zone: ").append(quote(t.timeZone().getId())).append('\n');
            y.append("    retention:\n");
            y.append("      recordings_days: ").append(t.retention().recordingsDays()).append('\n');
            y.append("      transcripts_days: ").append(t.retention().transcriptsDays()).append('\n');
            if (t.apiKeys().isEmpty()) {
                y.append("    api_keys: []\n");
            } else {
                y.append("    api_keys:\n");
                for (ApiKey k : t.apiKeys()) {
                    y.append("      - id: ").append(quote(k.id())).append('\n');
                    y.append("        role: ").append(k.role().id()).append('\n');
                    y.append("        hash: ").append(quote(k.hash())).append('\n');
                    y.append("        created: ").append(k.created()).append('\n');
                    y.append("        revoked: ").append(k.revoked()).append('\n');
                }
            }
            t.audioHookSecret().ifPresent(s -> {
                y.append("    audiohook_secret:\n");
                y.append("      encrypted: ").append(quote(s.ciphertext())).append('\n');
                y.append("      rotated: ").append(s.rotated()).append('\n');
            });
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar: the one style in which no character of a display name changes meaning. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
