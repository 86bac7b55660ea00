package io.callsight.tenants.crypto;

import java.time.Instant;

/** The tenant's keys were destroyed on purpose: data sealed under them is gone for good, as intended. */
public final class ShreddedException extends UnknownKeyException {
    private final Instant shreddedAt;

    public ShreddedException(String message, Instant shreddedAt) {
        super(message);
        this.shreddedAt = shreddedAt;
    }

    public Instant shreddedAt() {
        return shreddedAt;
    }
}
