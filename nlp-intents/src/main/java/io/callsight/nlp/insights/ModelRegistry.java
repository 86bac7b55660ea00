package io.callsight.nlp.insights;

import io.callsight.nlp.classify.Classifiers;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.Release;
import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.rules.ComplianceEvaluator;
import io.callsight.nlp.rules.KeywordRules;
import io.callsight.nlp.rules.KeywordRulesFile;
import io.callsight.nlp.rules.VocabularyCorrector;
import io.callsight.nlp.sentiment.SentimentAnalyzer;
import io.callsight.nlp.text.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants' models and settings under one models root, loaded on first use and kept in memory.
 * <p>Hot reload: at most every {@code refreshMs} per tenant, the registry re-reads the small pointer files
 * (CURRENT, RELEASE) and the mtimes of {@code tenant.yaml} and {@code rules.yaml}; when any changed, it builds a
 * new {@link TenantModels} (reusing model versions already in memory) and swaps it in. So a newly trained version,
 * a promote or a rollback reaches a running job within {@code refreshMs}, without a restart.
 * <p>A broken edit (invalid YAML, a corrupt model) does not take a tenant down: the last good snapshot stays in use
 * and the problem is logged once. Only a tenant whose very first load fails gets the error on every utterance.
 * <p>{@link #acquire} shares one registry per models root in the JVM, so parallel operator instances in one task
 * manager hold each model once; {@link #release} frees it after the last user.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    /** Same alphabet as the importer's tenant ids; anything else cannot have come from a valid call. */
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /**
     * Pseudo-tenant holding default sentiment models: {@code sentiment-en}, {@code sentiment-zh} per language, else
     * {@code sentiment} for any language. The '_' keeps it out of tenant ids.
     */
    public static final String SHARED = "_shared";
    public static final String INTENTS = "intents";
    public static final String RULES_FILE = "rules.yaml";

    private static final Map<Path, Shared> SHARED_BY_ROOT = new HashMap<>();

    private final ModelStore store;
    private final long refreshMs;
    private final LongSupplier clockMs;
    private final Map<String, Entry> tenants = new ConcurrentHashMap<>();
    private final Map<Path, LoadedModel> loaded = new ConcurrentHashMap<>();

    public ModelRegistry(Path root, long refreshMs, LongSupplier clockMs) {
        this.store = new ModelStore(root);
        this.refreshMs = refreshMs;
        this.clockMs = clockMs;
    }

    public ModelRegistry(Path root, long refreshMs) {
        this(root, refreshMs, System::currentTimeMillis);
    }

    /** The JVM-wide registry of {@code root}; pair every call with {@link #release}. */
    public static ModelRegistry acquire(Path root, long refreshMs) {
        Path key = root.toAbsolutePath().normalize();
        synchronized (SHARED_BY_ROOT) {
            Shared s = SHARED_BY_ROOT.computeIfAbsent(key, k -> new Shared(new ModelRegistry(k, refreshMs)));
            s.users++;
            return s.registry;
        }
    }

    public void release() {
        Path key = store.root().toAbsolutePath().normalize();
        synchronized (SHARED_BY_ROOT) {
            Shared s = SHARED_BY_ROOT.get(key);
            if (s != null && s.registry == this && --s.users == 0) {
                SHARED_BY_ROOT.remove(key);
                close();
            }
        }
    }

    /** How many operator instances share {@code root}'s registry (for tests and metrics). */
    static int users(Path root) {
        synchronized (SHARED_BY_ROOT) {
            Shared s = SHARED_BY_ROOT.get(root.toAbsolutePath().normalize());
            return s == null ? 0 : s.users;
        }
    }

    @Override
    public void close() {
        tenants.clear();
        loaded.clear();
    }

    public Path root() {
        return store.root();
    }

    public ModelStore store() {
        return store;
    }

    /**
     * The tenant's models, reloaded when their files changed. A well-formed tenant without a directory or models
     * gets an empty snapshot (no intent), not an error.
     *
     * @throws UnknownTenantException for an id no tenant can have
     * @throws IllegalStateException when the tenant's first load fails (invalid tenant.yaml or rules.yaml, corrupt model)
     */
    public TenantModels tenant(String tenant) {
        if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
            throw new UnknownTenantException(tenant);
        }
        Entry e = tenants.computeIfAbsent(tenant, t -> new Entry());
        long now = clockMs.getAsLong();
        if (e.models != null && now - e.checkedAt < refreshMs) {
            return e.models;
        }
        synchronized (e) {
            if (e.models != null && now - e.checkedAt < refreshMs) {
                return e.models;
            }
            if (e.models == null && e.failure != null && now - e.checkedAt < refreshMs) {
                // a tenant that never loaded: answer from the last attempt instead of re-reading its files per utterance
                throw new IllegalStateException("tenant " + tenant + ": " + e.failure);
            }
            String fingerprint;
            try {
                fingerprint = fingerprint(tenant);
            } catch (IOException | RuntimeException ex) {
                return keepOrFail(tenant, e, now, "cannot read its model pointers: " + ex.getMessage(), ex, null);
            }
            if (e.models == null || !fingerprint.equals(e.fingerprint)) {
                try {
                    TenantModels fresh = load(tenant, e.models);
                    if (e.models != null) {
                        LOG.info("tenant {}: models reloaded (intents {}{}, sentiment {})", tenant, version(fresh.intents()),
                                fresh.intentCandidate() != null ? ", candidate " + fresh.intentCandidate().version()
                                        + " for " + fresh.candidateShare() : "", version(fresh.sentiment()));
                    }
                    e.models = fresh;
                    e.fingerprint = fingerprint;
                    e.failure = null;
                    evictUnused();
                } catch (IOException | RuntimeException ex) {
                    return keepOrFail(tenant, e, now, ex.getMessage(), ex, fingerprint);
                }
            }
            e.checkedAt = now;
            return e.models;
        }
    }

    private TenantModels keepOrFail(String tenant, Entry e, long now, String problem, Exception cause, String fingerprint) {
        if (!problem.equals(e.failure)) {
            LOG.error("tenant {}: {}{}", tenant, problem, e.models != null ? " (keeping the models loaded before)" : "");
            e.failure = problem;
        }
        e.checkedAt = now;
        if (e.models == null) {
            throw new IllegalStateException("tenant " + tenant + ": " + problem, cause);
        }
        if (fingerprint != null) {
            e.fingerprint = fingerprint; // do not retry the same broken files on every check, only after the next edit
        }
        return e.models;
    }

    private static String version(LoadedModel m) {
        return m == null ? "none" : m.version();
    }

    /** What, if changed, requires a reload: release pointers of every task and the config files' mtimes. */
    private String fingerprint(String tenant) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(store.release(tenant, INTENTS)).append('|');
        sb.append(store.release(tenant, SentimentAnalyzer.TASK)).append('|');
        for (Language l : new Language[] {Language.EN, Language.ZH}) {
            sb.append(store.release(SHARED, sharedTask(l))).append('|');
        }
        sb.append(store.release(SHARED, SentimentAnalyzer.TASK)).append('|');
        Path dir = store.root().resolve(tenant);
        for (String f : new String[] {TenantSettings.FILE, RULES_FILE}) {
            Path p = dir.resolve(f);
            sb.append(Files.isRegularFile(p) ? Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p) : "-").append('|');
        }
        return sb.toString();
    }

    private static String sharedTask(Language l) {
        return SentimentAnalyzer.TASK + "-" + l.name().toLowerCase(java.util.Locale.ROOT);
    }

    private TenantModels load(String tenant, TenantModels before) throws IOException {
        Path dir = store.root().resolve(tenant);
        TenantSettings settings = TenantSettings.load(dir.resolve(TenantSettings.FILE));
        KeywordRules rules = null;
        Path rulesFile = dir.resolve(RULES_FILE);
        if (Files.isRegularFile(rulesFile)) {
            KeywordRulesFile.Result r = KeywordRulesFile.load(rulesFile);
            if (!r.ok()) {
                throw new TenantSettings.InvalidTenantConfigException(r.errors());
            }
            rules = r.rules();
        }
        Release intents = store.release(tenant, INTENTS);
        Release sentiment = store.release(tenant, SentimentAnalyzer.TASK);
        Map<Language, LoadedModel> shared = new EnumMap<>(Language.class);
        Release anyLanguage = store.release(SHARED, SentimentAnalyzer.TASK);
        for (Language l : new Language[] {Language.EN, Language.ZH}) {
            Release r = store.release(SHARED, sharedTask(l));
            if (r.current() != null) {
                shared.put(l, model(SHARED, sharedTask(l), r.current()));
            } else if (anyLanguage.current() != null) {
                shared.put(l, model(SHARED, SentimentAnalyzer.TASK, anyLanguage.current()));
            }
        }
        LoadedModel current = intents.current() == null ? null : model(tenant, INTENTS, intents.current());
        if (current == null && (before == null || before.intents() != null)) {
            LOG.info("tenant {}: no intent model under {}: its utterances get no intent", tenant, store.taskDir(tenant, INTENTS));
        }
        return new TenantModels(tenant,
                current,
                intents.hasCandidate() ? model(tenant, INTENTS, intents.candidate()) : null,
                intents.candidateShare(),
                sentiment.current() == null ? null : model(tenant, SentimentAnalyzer.TASK, sentiment.current()),
                sentiment.hasCandidate() ? model(tenant, SentimentAnalyzer.TASK, sentiment.candidate()) : null,
                sentiment.candidateShare(),
                shared,
                settings,
                new Redactor(settings.redaction()),
                settings.vocabulary().isEmpty() ? null : new VocabularyCorrector(settings.vocabulary(), true),
                rules,
                rules == null ? null : rules.keywordMatcher(),
                rules == null ? null : new ComplianceEvaluator(rules));
    }

    /** One model version, loaded once however many tenants' snapshots refer to it. */
    private LoadedModel model(String tenant, String task, String version) throws IOException {
        Path dir = store.taskDir(tenant, task).resolve(version);
        LoadedModel m = loaded.get(dir);
        if (m == null) {
            try {
                m = new LoadedModel(dir, version, Classifiers.load(dir));
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot load " + task + " model " + dir + ": " + e.getMessage(), e);
            }
            loaded.put(dir, m);
        }
        return m;
    }

    private void evictUnused() {
        Set<Path> inUse = new HashSet<>();
        for (Entry e : tenants.values()) {
            TenantModels m = e.models;
            if (m != null) {
                m.models().forEach(x -> inUse.add(x.dir()));
            }
        }
        loaded.keySet().retainAll(inUse);
    }

    private static final class Entry {
        volatile TenantModels models;
        volatile long checkedAt;
        String fingerprint;
        String failure;
    }

    private static final class Shared {
        final ModelRegistry registry;
        int users;

        Shared(ModelRegistry registry) {
            this.registry = registry;
        }
    }
}
