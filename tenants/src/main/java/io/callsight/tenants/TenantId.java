package io.callsight.tenants;

import java.util.regex.Pattern;

/**
 * Tenant ids name directories, Elasticsearch indices and AAD fields, so they are deliberately narrow: lowercase
 * ASCII letters, digits, '_' and '-', starting with a letter or digit, at most 63 characters. That rules out path
 * traversal ({@code ../x}, {@code a/b}), case-folding collisions and index names Elasticsearch refuses.
 */
public final class TenantId {
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private TenantId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** The id itself, or an {@link IllegalArgumentException} saying what is wrong with it. */
    public static String require(String id) {
        String problem = problem(id);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return id;
    }

    /** Why {@code id} is not a tenant id, or null if it is one. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "tenant id is empty";
        }
        if (isValid(id)) {
            return null;
        }
        String shown = id.length() > 70 ? id.substring(0, 70) + "..." : id;
        return "invalid tenant id '" + shown + "': use 1-63 lowercase letters, digits, '_' or '-', starting with a"
                + " letter or digit";
    }
}
