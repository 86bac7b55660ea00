package io.callsight.tenants.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per tenant, versioned AES-256 key-encryption keys, each stored wrapped by the master key (AES-GCM, AAD = tenant and
 * version, so a wrapped KEK moved to another tenant or version does not unwrap). Kept in {@code keyring.json}
 * (0600, atomic replace) next to a check value that tells at start whether the master key is the right one.
 *
 * <p>Services only read: every read first checks whether the file changed (one stat), so a rotation by the CLI is
 * seen at once. Writes (CLI, demo provisioning) take a file lock and re-read the file first, so two admins never
 * lose each other's change. Versions only grow, also across a shred, so an old blob can never meet a new key that
 * happens to carry its version number.
 */
public final class TenantKeyring {
    private static final Logger LOG = LoggerFactory.getLogger(TenantKeyring.class);
    public static final int FORMAT = 1;
    private static final byte[] CHECK_PLAINTEXT = "callsight master key check".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_AAD = AesGcm.aad("callsight/master-key-check/v1");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final MasterKey master;
    private final Clock clock;
    private State state;
    private FileState loadedFrom;

    private record WrappedKek(int version, Instant created, byte[] wrapped) {
    }

    private record TenantKeys(int current, List<WrappedKek> keys, int shreddedThrough, Instant shreddedAt) {
        int lastVersion() {
            return Math.max(shreddedThrough, keys.stream().mapToInt(WrappedKek::version).max().orElse(0));
        }

        Optional<WrappedKek> version(int v) {
            return keys.stream().filter(k -> k.version() == v).findFirst();
        }

        TenantKeyStatus status(String tenant) {
            return new TenantKeyStatus(tenant, current, keys.stream().map(WrappedKek::version).sorted().toList(),
                    shreddedThrough, Optional.ofNullable(shreddedAt));
        }
    }

    private record State(String check, Map<String, TenantKeys> tenants) {
        static final State EMPTY = new State(null, Map.of());
    }

    private record FileState(Object fileKey, long modifiedNanos, long size) {
        static final FileState MISSING = new FileState(null, -1, -1);
    }

    private TenantKeyring(Path file, MasterKey master, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.master = master;
        this.clock = clock;
        refresh();
    }

    /**
     * Opens (or, on first write, creates) the keyring.
     *
     * @throws MasterKeyException if the keyring exists and was made with another master key
     */
    public static TenantKeyring open(Path file, MasterKey master) {
        return new TenantKeyring(file, master, Clock.systemUTC());
    }

    public static TenantKeyring open(Path file, MasterKey master, Clock clock) {
        return new TenantKeyring(file, master, clock);
    }

    /** Key versions per tenant, read without the master key (for {@code tenants show}); empty if there is no keyring. */
    public static Map<String, TenantKeyStatus> describe(Path file) {
        State s = read(file.toAbsolutePath().normalize());
        Map<String, TenantKeyStatus> out = new TreeMap<>();
        s.tenants().forEach((t, k) -> out.put(t, k.status(t)));
        return out;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<TenantKeyStatus> status(String tenant) {
        refresh();
        return Optional.ofNullable(state.tenants().get(tenant)).map(k -> k.status(tenant));
    }

    /** The KEK new blobs of {@code tenant} are sealed with. */
    public synchronized Kek currentKek(String tenant) throws UnknownKeyException {
        refresh();
        TenantKeys k = keys(tenant);
        if (k.current() == 0) {
            throw gone(tenant, k, k.shreddedThrough());
        }
        return unwrap(tenant, k.version(k.current()).orElseThrow());
    }

    /** A specific version, for opening a blob sealed under it. */
    public synchronized Kek kek(String tenant, int version) throws UnknownKeyException {
        refresh();
        TenantKeys k = keys(tenant);
        Optional<WrappedKek> w = k.version(version);
        if (w.isEmpty()) {
            if (version <= k.shreddedThrough()) {
                throw gone(tenant, k, version);
            }
            throw new UnknownKeyException("tenant '" + tenant + "' has no key version " + version + " in " + file
                    + (k.keys().isEmpty() ? "" : " (it has versions " + k.status(tenant).versions() + ")")
                    + ": the version was retired, or the blob or the keyring comes from another deployment");
        }
        return unwrap(tenant, w.get());
    }

    /** Gives {@code tenant} a KEK if it has none (new tenant, or re-added after a shred); returns the current version. */
    public int ensure(String tenant) {
        TenantId.require(tenant);
        return mutate(tenants -> {
            TenantKeys k = tenants.get(tenant);
            if (k != null && k.current() > 0) {
                return k.current();
            }
            int version = k == null ? 1 : k.lastVersion() + 1;
            List<WrappedKek> keys = new ArrayList<>();
            keys.add(newKek(tenant, version));
            tenants.put(tenant, new TenantKeys(version, keys, k == null ? 0 : k.shreddedThrough(),
                    k == null ? null : k.shreddedAt()));
            LOG.debug("created key version {} for tenant {}", version, tenant);
            return version;
        });
    }

    /** A new KEK becomes current; older versions stay until {@link #retire}d, so existing blobs keep opening. */
    public int rotate(String tenant) throws UnknownKeyException {
        TenantId.require(tenant);
        int[] out = new int[1];
        UnknownKeyException[] failure = new UnknownKeyException[1];
        mutate(tenants -> {
            TenantKeys k = tenants.get(tenant);
            if (k == null || k.current() == 0) {
                failure[0] = k == null ? unknownTenant(tenant) : gone(tenant, k, k.shreddedThrough());
                return null;
            }
            int version = k.lastVersion() + 1;
            List<WrappedKek> keys = new ArrayList<>(k.keys());
            keys.add(newKek(tenant, version));
            tenants.put(tenant, new TenantKeys(version, keys, k.shreddedThrough(), k.shreddedAt()));
            out[0] = version;
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        LOG.debug("rotated tenant {} to key version {}", tenant, out[0]);
        return out[0];
    }

    /** Deletes an old version once no blob needs it (after re-wrapping them all); the current one cannot be retired. */
    public void retire(String tenant, int version) throws UnknownKeyException {
        UnknownKeyException[] failure = new UnknownKeyException[1];
        mutate(tenants -> {
            TenantKeys k = tenants.get(tenant);
            if (k == null || k.version(version).isEmpty()) {
                failure[0] = new UnknownKeyException("tenant '" + tenant + "' has no key version " + version);
                return null;
            }
            if (k.current() == version) {
                throw new IllegalArgumentException("version " + version + " is tenant '" + tenant
                        + "''s current key; rotate first");
            }
            List<WrappedKek> keys = new ArrayList<>(k.keys());
            keys.removeIf(w -> w.version() == version);
            tenants.put(tenant, new TenantKeys(k.current(), keys, k.shreddedThrough(), k.shreddedAt()));
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Crypto-shredding: deletes every KEK of {@code tenant}, which makes every blob sealed for it unreadable, wherever
     * copies of the blobs are. A tombstone stays so opening one says "shredded" rather than "unknown".
     *
     * @return whether there was a key to destroy
     */
    public boolean shred(String tenant) {
        TenantId.require(tenant);
        return mutate(tenants -> {
            TenantKeys k = tenants.get(tenant);
            if (k == null || k.keys().isEmpty()) {
                return false;
            }
            tenants.put(tenant, new TenantKeys(0, List.of(), k.lastVersion(), clock.instant().truncatedTo(ChronoUnit.SECONDS)));
            LOG.debug("shredded every key of tenant {} (through version {})", tenant, k.lastVersion());
            return true;
        });
    }

    private TenantKeys keys(String tenant) throws UnknownKeyException {
        TenantKeys k = state.tenants().get(tenant);
        if (k == null) {
            throw unknownTenant(tenant);
        }
        return k;
    }

    private UnknownKeyException unknownTenant(String tenant) {
        return new UnknownKeyException("tenant '" + tenant + "' has no keys in " + file
                + " (add the tenant with `callsight tenants add`, or the keyring comes from another deployment)");
    }

    private ShreddedException gone(String tenant, TenantKeys k, int version) {
        return new ShreddedException("tenant '" + tenant + "''s keys were shredded on " + k.shreddedAt()
                + ": data sealed under key version " + version + " cannot be decrypted by anyone, by design", k.shreddedAt());
    }

    private Kek unwrap(String tenant, WrappedKek w) throws UnknownKeyException {
        byte[] raw;
        try {
            raw = master.unwrap(w.wrapped(), kekAad(tenant, w.version()));
        } catch (AEADBadTagException e) {
            // the check value passed, so the master key is right: this entry was altered or moved
            throw new UnknownKeyException("key version " + w.version() + " of tenant '" + tenant + "' in " + file
                    + " failed authentication: the keyring was altered; restore it from backup");
        }
        try {
            return new Kek(tenant, w.version(), w.created(), AesGcm.key(raw));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private WrappedKek newKek(String tenant, int version) {
        byte[] raw = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        try {
            return new WrappedKek(version, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    master.wrap(raw, kekAad(tenant, version)));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static byte[] kekAad(String tenant, int version) {
        return AesGcm.aad("callsight/kek/v1", tenant, version);
    }

    private interface Change<T> {
        T apply(Map<String, TenantKeys> tenants);
    }

    private synchronized <T> T mutate(Change<T> change) {
        try (PrivateFiles.Lock lock = PrivateFiles.lock(file.resolveSibling(file.getFileName() + ".lock"))) {
            loadedFrom = null; // re-read under the lock: another process may have written since our last look
            refresh();
            Map<String, TenantKeys> tenants = new TreeMap<>(state.tenants());
            T result = change.apply(tenants);
            String check = state.check() != null ? state.check()
                    : Base64.getEncoder().encodeToString(master.wrap(CHECK_PLAINTEXT, CHECK_AAD));
            State next = new State(check, tenants);
            if (!next.equals(state)) {
                PrivateFiles.writeAtomically(file, format(next));
                state = next;
                loadedFrom = fileState(file);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the keyring " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized void refresh() {
        FileState now = fileState(file);
        if (now.equals(loadedFrom)) {
            return;
        }
        State next = read(file);
        if (next.check() != null) {
            verify(next.check());
        } else if (!next.tenants().isEmpty()) {
            throw new IllegalStateException(file + " has tenant keys but no master_key_check: the keyring was altered");
        }
        state = next;
        loadedFrom = now;
    }

    private void verify(String check) {
        boolean ok;
        try {
            ok = Arrays.equals(CHECK_PLAINTEXT, master.unwrap(Base64.getDecoder().decode(check), CHECK_AAD));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) {
            throw new MasterKeyException("the master key from " + master.source() + " is not the one the keyring "
                    + file + " was created with, so no tenant key can be unwrapped. Use the original master key"
                    + " (restore it from your backup)");
        }
    }

    private static FileState fileState(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        } catch (IOException e) {
            return FileState.MISSING;
        }
    }

    private static State read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyring " + file + ": " + e.getMessage(), e);
        }
        try {
            if (root == null || root.path("format").asInt() != FORMAT) {
                throw new IllegalStateException("format " + (root == null ? "missing" : root.path("format")) + " (expected " + FORMAT + ")");
            }
            String check = root.path("master_key_check").isTextual() ? root.get("master_key_check").asText() : null;
            Map<String, TenantKeys> tenants = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.path("tenants").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode t = e.getValue();
                List<WrappedKek> keys = new ArrayList<>();
                for (JsonNode k : t.path("keys")) {
                    keys.add(new WrappedKek(k.get("version").asInt(), Instant.parse(k.get("created").asText()),
                            Base64.getDecoder().decode(k.get("wrapped").asText())));
                }
                JsonNode at = t.path("shredded_at");
                tenants.put(TenantId.require(e.getKey()), new TenantKeys(t.path("current").asInt(), List.copyOf(keys),
                        t.path("shredded_through").asInt(), at.isTextual() ? Instant.parse(at.asText()) : null));
            }
            return new State(check, tenants);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is not a valid keyring (" + e.getMessage() + "); restore it from backup", e);
        }
    }

    private static byte[] format(State s) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("master_key_check", s.check());
        ObjectNode tenants = root.putObject("tenants");
        for (Map.Entry<String, TenantKeys> e : s.tenants().entrySet()) {
            TenantKeys k = e.getValue();
            ObjectNode t = tenants.putObject(e.getKey());
            t.put("current", k.current());
            ArrayNode keys = t.putArray("keys");
            for (WrappedKek w : k.keys()) {
                keys.addObject().put("version", w.version()).put("created", w.created().toString())
                        .put("wrapped", Base64.getEncoder().encodeToString(w.wrapped()));
            }
            if (k.shreddedThrough() > 0) {
                t.put("shredded_through", k.shreddedThrough());
                t.put("shredded_at", k.shreddedAt() == null ? null : k.shreddedAt().toString());
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    @Override
    public String toString() {
        return "TenantKeyring[" + file + "]";
    }
}
