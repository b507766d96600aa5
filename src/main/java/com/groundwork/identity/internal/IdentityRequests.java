package com.groundwork.identity.internal;

import com.groundwork.identity.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The bodies the admin API accepts and the one-time answer to a new API key. */
final class IdentityRequests {

	private IdentityRequests() {
	}

	/** A new tenant, optionally with its first administrator (otherwise nobody could sign in to it). */
	record NewTenant(
			@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2 to 63 lowercase letters, digits or hyphens, e.g. 'initech'") String slug,
			@NotBlank @Size(max = 200) String name,
			@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter region code such as EU or US") String region,
			@Valid @Nullable NewUser admin) {
	}

	record NewUser(
			@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._@+-]+", message = "may hold letters, digits and . _ @ + - only") String username,
			@NotBlank @Size(max = 200) String displayName,
			@NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters long") String password,
			@NotEmpty(message = "must name at least one of REP, MARKETER, REVIEWER, ADMIN, AUDITOR") Set<@NotNull Role> roles) {
	}

	record NewApiKey(@NotBlank @Size(max = 200) String name,
			@NotNull(message = "must be one of REP, MARKETER, REVIEWER, ADMIN, AUDITOR") Role role) {
	}

	/** The only time a key is shown in clear. */
	record CreatedApiKey(UUID id, String name, String prefix, Role role, String key, String notice) {

		static CreatedApiKey of(ApiKeyView view, String key) {
			return new CreatedApiKey(view.id(), view.name(), view.prefix(), view.role(), key,
					"Store this key now: Groundwork keeps only its hash and cannot show it again.");
		}
	}

	/** A new tenant with the administrator created beside it, if any. */
	record CreatedTenant(TenantView tenant, @Nullable UserView admin) {
	}
}
