package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import io.callsight.nlp.intents.definition.IntentFiles;
import io.callsight.nlp.intents.definition.LoadResult;
import io.callsight.nlp.intents.definition.TenantIntents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The tenants' intent files a flow is checked against (intent names) and takes its FAQ answers from. Keyed by
 * tenant and language, as a tenant has one intent file per language. {@link #unchecked()} is the catalog of a run
 * without intent files: flows load, intent names go unchecked and FAQ states answer nothing.
 */
public final class IntentCatalog {
    private final Map<String, TenantIntents> byTenant;
    private final boolean checked;

    private IntentCatalog(Map<String, TenantIntents> byTenant, boolean checked) {
        this.byTenant = Map.copyOf(byTenant);
        this.checked = checked;
    }

    public static IntentCatalog unchecked() {
        return new IntentCatalog(Map.of(), false);
    }

    public static IntentCatalog of(List<TenantIntents> intents) {
        Map<String, TenantIntents> m = new LinkedHashMap<>();
        for (TenantIntents t : intents) {
            if (t.tenant() != null) m.putIfAbsent(key(t.tenant(), t.language()), t);
        }
        return new IntentCatalog(m, true);
    }

    /** The catalog and any problem reading its files (an intent file that cannot be read is left out). */
    public record Loaded(IntentCatalog catalog, List<ValidationError> errors) {}

    /** Intent files (.yml, .yaml, .json, .csv) given directly or found in the given directories. */
    public static Loaded load(List<Path> filesOrDirs) throws IOException {
        List<TenantIntents> all = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (Path p : filesOrDirs) {
            for (Path f : intentFiles(p)) {
                LoadResult r = IntentFiles.load(f);
                errors.addAll(r.errors());
                if (r.intents() != null) all.add(r.intents());
            }
        }
        return new Loaded(of(all), errors);
    }

    private static List<Path> intentFiles(Path p) throws IOException {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(ya?ml|json|csv)"))
                    .sorted().toList();
        }
    }

    public boolean checksIntents() {
        return checked;
    }

    public Optional<TenantIntents> intents(String tenant, String language) {
        if (tenant == null) return Optional.empty();
        TenantIntents t = byTenant.get(key(tenant, language));
        if (t == null) {
            t = byTenant.values().stream().filter(i -> tenant.equals(i.tenant())).findFirst().orElse(null);
        }
        return Optional.ofNullable(t);
    }

    /** Every intent file's source path, to watch for changes. */
    public List<String> sources() {
        return byTenant.values().stream().map(TenantIntents::source).toList();
    }

    private static String key(String tenant, String language) {
        return tenant + "|" + (language == null ? "" : language.toLowerCase(Locale.ROOT));
    }
}
