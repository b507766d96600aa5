package com.groundwork.identity.internal;

import com.groundwork.identity.Role;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A user as the admin API shows it: never the password hash. */
record UserView(UUID id, String username, String displayName, Set<Role> roles, boolean platformAdmin, boolean enabled,
		OffsetDateTime createdAt) {
}
