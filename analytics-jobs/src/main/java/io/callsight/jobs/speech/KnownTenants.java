package io.callsight.jobs.speech;

import io.callsight.tenants.registry.TenantRegistryWatcher;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the records of tenants in the tenant registry; a record of any other tenant goes to the dead
 * letters with the reason and is not processed further. The registry file is watched (one watcher per file per
 * task manager): a tenant added while the job runs is accepted from the next poll on, and a broken edit keeps the
 * last good registry.
 */
public final class KnownTenants<T> extends ProcessFunction<T, T> implements ResultTypeQueryable<T> {
    public static final String STAGE = "tenant";
    private static final Map<Path, TenantRegistryWatcher> WATCHERS = new ConcurrentHashMap<>();

    /** How to read a record's tenant and key, and how to put the record in a dead letter. */
    public interface Tenancy<T> extends Serializable {
        String tenant(T record);

        String key(T record);

        byte[] payload(T record);
    }

    private final String registryFile;
    private final Class<T> type;
    private final Tenancy<T> tenancy;
    private transient TenantRegistryWatcher registry;

    public KnownTenants(String registryFile, Class<T> type, Tenancy<T> tenancy) {
        this.registryFile = registryFile;
        this.type = type;
        this.tenancy = tenancy;
    }

    @Override
    public void open(OpenContext context) {
        registry = WATCHERS.computeIfAbsent(Path.of(registryFile).toAbsolutePath().normalize(),
                (Function<Path, TenantRegistryWatcher>) TenantRegistryWatcher::start);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) {
        String tenant = tenancy.tenant(record);
        if (registry.current().contains(tenant)) {
            out.collect(record);
        } else {
            ctx.output(DeadLetters.TAG, DeadLetters.of(STAGE, tenancy.key(record),
                    "unknown tenant '" + tenant + "': not in the tenant registry " + registryFile, tenancy.payload(record)));
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
