package com.groundwork.identity.internal;

import com.groundwork.identity.Role;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API key as the admin API shows it: its visible prefix, never the key or its hash. */
record ApiKeyView(UUID id, String name, String prefix, Role role, String createdBy, OffsetDateTime createdAt,
		@Nullable OffsetDateTime lastUsedAt, @Nullable OffsetDateTime revokedAt) {

	boolean active() {
		return revokedAt == null;
	}
}
