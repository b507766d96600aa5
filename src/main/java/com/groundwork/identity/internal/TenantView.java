package com.groundwork.identity.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant as the admin API shows it. */
record TenantView(UUID id, String slug, String name, String region, OffsetDateTime createdAt) {
}
