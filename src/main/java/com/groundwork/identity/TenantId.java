package com.groundwork.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The identity of a tenant; every tenant-owned row carries it as {@code tenant_id}. */
public record TenantId(@JsonValue UUID value) {

	public TenantId {
		Objects.requireNonNull(value, "tenant id");
	}

	public static TenantId of(String value) {
		return new TenantId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
