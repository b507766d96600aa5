package com.groundwork.audit;

import com.groundwork.identity.TenantId;

/** The audit trail's public API: verification of a tenant's hash chain (the entries come from events). */
public interface AuditTrail {

	/** Recomputes the tenant's chain from its anchor (or its first entry) to its head. */
	ChainVerification verify(TenantId tenant);
}
