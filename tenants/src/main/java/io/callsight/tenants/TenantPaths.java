package io.callsight.tenants;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the tenant files live. Every service and the CLI resolve them the same way, so they agree on one registry
 * and one keyring without extra configuration.
 *
 * @param dataDir       {@code --data-dir}, default {@code ~/.callsight}
 * @param registry      {@code --registry} or {@code CALLSIGHT_TENANTS}, default {@code <data dir>/tenants.yaml}
 * @param keyring       {@code <data dir>/keyring.json}
 * @param masterKeyFile {@code CALLSIGHT_MASTER_KEY_FILE}, default {@code <data dir>/master.key}; ignored when
 *                      {@code CALLSIGHT_MASTER_KEY} is set
 */
public record TenantPaths(Path dataDir, Path registry, Path keyring, Path masterKeyFile) {
    public static final String ENV_REGISTRY = "CALLSIGHT_TENANTS";
    public static final String ENV_MASTER_KEY = "CALLSIGHT_MASTER_KEY";
    public static final String ENV_MASTER_KEY_FILE = "CALLSIGHT_MASTER_KEY_FILE";

    public TenantPaths {
        dataDir = absolute(dataDir, "dataDir");
        registry = absolute(registry, "registry");
        keyring = absolute(keyring, "keyring");
        masterKeyFile = absolute(masterKeyFile, "masterKeyFile");
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".callsight");
    }

    /**
     * @param dataDir  null for the default
     * @param registry null for {@code CALLSIGHT_TENANTS} or the default
     */
    public static TenantPaths resolve(Path dataDir, Path registry, Map<String, String> env) {
        Path dir = dataDir != null ? dataDir : defaultDataDir();
        Path reg = registry != null ? registry
                : blank(env.get(ENV_REGISTRY)) ? dir.resolve("tenants.yaml") : Path.of(env.get(ENV_REGISTRY));
        Path master = blank(env.get(ENV_MASTER_KEY_FILE)) ? dir.resolve("master.key") : Path.of(env.get(ENV_MASTER_KEY_FILE));
        return new TenantPaths(dir, reg, dir.resolve("keyring.json"), master);
    }

    /** Plaintext demo keys: only {@code DemoTenants} writes this file, never a production command. */
    public Path demoKeys() {
        return dataDir.resolve("demo-keys.json");
    }

    /** Serializes read-modify-write of the registry and the keyring between CLI processes. */
    public Path lockFile() {
        return dataDir.resolve(".tenants.lock");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path absolute(Path p, String what) {
        return Objects.requireNonNull(p, what).toAbsolutePath().normalize();
    }
}
