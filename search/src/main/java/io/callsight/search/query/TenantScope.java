package io.callsight.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.UtteranceFields;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The tenants a reader may see, and the one place their filter is made: every query of tenant data in Callsight is
 * built through a scope, so no read can forget it. A service takes the scope from the caller's API key (one
 * tenant), never from the request; operator tools on the embedded stack name the tenants they work on.
 *
 * <p>A get by document id bypasses query filters, so readers check such a document with {@link #allows(Map)}.
 */
public final class TenantScope {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Both indices name the tenant the same way; the filter relies on it. */
    static final String FIELD = UtteranceFields.TENANT;

    static {
        if (!UtteranceFields.TENANT.equals(CallFields.TENANT)) {
            throw new IllegalStateException("the indices must name the tenant field alike");
        }
    }

    private final List<String> tenants;

    private TenantScope(List<String> tenants) {
        if (tenants.isEmpty() || tenants.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("a tenant scope needs at least one tenant id, got " + tenants);
        }
        this.tenants = List.copyOf(tenants);
    }

    public static TenantScope of(String tenant) {
        return new TenantScope(List.of(tenant));
    }

    public static TenantScope of(Collection<String> tenants) {
        return new TenantScope(List.copyOf(tenants));
    }

    public List<String> tenants() {
        return tenants;
    }

    /** The filter clause: a {@code term} on the tenant for one tenant, {@code terms} for several. */
    public Query filter() {
        if (tenants.size() == 1) {
            return Query.of(q -> q.term(t -> t.field(FIELD).value(tenants.get(0))));
        }
        List<FieldValue> values = tenants.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(FIELD).terms(v -> v.value(values))));
    }

    /** The same filter as query JSON, for requests written as JSON text. */
    public String filterJson() {
        try {
            return tenants.size() == 1
                    ? "{\"term\": {\"" + FIELD + "\": " + JSON.writeValueAsString(tenants.get(0)) + "}}"
                    : "{\"terms\": {\"" + FIELD + "\": " + JSON.writeValueAsString(tenants) + "}}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean allows(String tenant) {
        return tenants.contains(tenant);
    }

    /** Whether a document fetched by id belongs to a tenant of this scope. */
    public boolean allows(Map<?, ?> document) {
        return document != null && document.get(FIELD) instanceof String t && allows(t);
    }

    @Override
    public String toString() {
        return "tenants " + tenants;
    }
}
