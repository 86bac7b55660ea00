package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.Role;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.Principal;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callsight tenants ...} on a temporary data dir. */
class TenantsCommandTest {
    private static final Pattern KEY = Pattern.compile("csk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Callsight.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(all);
            System.out.flush();
            return new Run(code, printed.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    private static String key(Run r) {
        Matcher m = KEY.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group();
    }

    @Test
    void theWholeLifecycle() throws Exception {
        Run noMaster = run("tenants", "add", "--id", "acme-bank", "--name", "Acme Bank");
        assertEquals(1, noMaster.code());
        assertTrue(noMaster.err().contains("no master key: " + dir.resolve("master.key") + " does not exist"), noMaster.err());
        assertTrue(ok("tenants", "master-key", "create").out().contains("created master key " + dir.resolve("master.key")));

        Run added = ok("tenants", "add", "--id", "acme-bank", "--name", "Acme Bank", "--time-zone", "America/New_York",
                "--retention-recordings-days", "90");
        assertTrue(added.out().contains("added tenant acme-bank (Acme Bank): languages en, time zone America/New_York,"
                + " recordings 90 d, transcripts 365 d"), added.out());
        ok("tenants", "add", "--id", "huaxia", "--name", "华夏", "--language", "zh,en", "--time-zone", "Asia/Shanghai");

        Run created = ok("tenants", "keys", "create", "--tenant", "acme-bank", "--role", "ingest");
        String key = key(created);
        assertTrue(created.out().contains("only time the key is shown"), created.out());
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(() -> {
            try {
                return TenantRegistryFile.read(dir.resolve("tenants.yaml"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Principal p = auth.authenticate(key).orElseThrow();
        assertEquals(new Principal("acme-bank", Role.INGEST, key.substring(4, 20)), p);

        Run list = ok("tenants", "keys", "list", "--tenant", "acme-bank");
        assertTrue(list.out().contains(p.keyId()) && list.out().contains("ingest") && list.out().contains("active"), list.out());
        assertFalse(list.out().contains(key.substring(21)) || list.out().contains("sha256"), "never the key or its hash");

        Run show = ok("tenants", "show", "acme-bank");
        assertTrue(show.out().contains("encryption keys:  v1 current"), show.out());
        assertTrue(show.out().contains("audiohook secret: not set"), show.out());

        Run secret = ok("tenants", "secret", "rotate", "--tenant", "acme-bank");
        String plain = secret.out().lines().map(String::strip).filter(l -> l.matches("[A-Za-z0-9_-]{43}")).findFirst().orElseThrow();
        assertFalse(Files.readString(dir.resolve("tenants.yaml")).contains(plain));
        assertFalse(ok("tenants", "show", "acme-bank").out().contains(plain));

        Run kek = ok("tenants", "rotate-kek", "--tenant", "acme-bank");
        assertTrue(kek.out().contains("key-encryption key v2 is now current (v2 current, older versions kept for existing recordings: v1)"), kek.out());

        Run tenants = ok("tenants", "list");
        assertTrue(tenants.out().contains("acme-bank") && tenants.out().contains("huaxia") && tenants.out().contains("zh,en"), tenants.out());

        ok("tenants", "keys", "revoke", "--tenant", "acme-bank", "--key-id", p.keyId());
        assertTrue(auth.authenticate(key).isEmpty());
        assertTrue(ok("tenants", "keys", "list", "--tenant", "acme-bank").out().contains("revoked"));

        Run removed = ok("tenants", "remove", "acme-bank");
        assertTrue(removed.out().contains("removed tenant acme-bank: 1 API key no longer work"), removed.out());
        assertTrue(removed.out().contains("encryption keys are kept"), removed.out());
        assertTrue(ok("tenants", "add", "--id", "acme-bank", "--name", "Acme Bank").out().contains("kept from before it was removed"));
        Run shredded = ok("tenants", "remove", "acme-bank", "--shred");
        assertTrue(shredded.out().contains("shredded the encryption keys of acme-bank"), shredded.out());
        assertTrue(ok("tenants", "add", "--id", "acme-bank", "--name", "Acme Bank").out().contains("key-encryption key v3 created"));
        assertTrue(ok("tenants", "validate").out().contains("ok, 2 tenants"));
    }

    @Test
    void mistakesAreOneLineErrorsWithANonZeroExit() throws Exception {
        ok("tenants", "master-key", "create");
        assertNotEquals(0, run("tenants", "master-key", "create").code(), "never overwrites a master key");
        Run traversal = run("tenants", "add", "--id", "../etc", "--name", "x");
        assertEquals(1, traversal.code());
        assertTrue(traversal.err().contains("invalid tenant id '../etc'"), traversal.err());
        assertTrue(run("tenants", "add", "--id", "acme", "--name", "A", "--time-zone", "Mars/Base").err().contains("unknown time zone"));
        assertTrue(run("tenants", "add", "--id", "acme", "--name", "A", "--language", "fr").err().contains("unsupported language 'fr'"));
        ok("tenants", "add", "--id", "acme", "--name", "A");
        assertTrue(run("tenants", "keys", "create", "--tenant", "acme", "--role", "root").err().contains("unknown role 'root'"));
        assertTrue(run("tenants", "keys", "create", "--tenant", "nobody", "--role", "qa").err().contains("no tenant 'nobody'"));
        assertTrue(run("tenants", "show", "nobody").err().contains("no tenant 'nobody'"));
    }

    @Test
    void anInvalidRegistryIsReportedAsFileLineMessages() throws Exception {
        Path registry = dir.resolve("other.yaml");
        Files.writeString(registry, "tenants:\n  - id: Bad/Id\n    name: x\n");
        Run r = run("tenants", "validate", "--registry", registry.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(registry + ":2: invalid tenant id 'Bad/Id'"), r.err());
        assertTrue(r.err().contains(registry + ":2: tenant 'Bad/Id' is missing 'languages'"), r.err());
        Run list = run("tenants", "list", "--registry", registry.toString());
        assertEquals(1, list.code());
        assertTrue(list.err().contains(registry + ":2: invalid tenant id"), list.err());
        assertTrue(TenantPaths.resolve(dir, null, Map.of(TenantPaths.ENV_REGISTRY, registry.toString())).registry().equals(registry));
    }

    @Test
    void helpExplainsWhatRemoveKeeps() {
        Run help = ok("tenants", "remove", "--help");
        assertTrue(help.out().contains("undoes an accidental") && help.out().contains("--shred"), help.out());
    }
}
