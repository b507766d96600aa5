package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.UUID;

/** A document was deleted: the search indexes drop all its chunks. */
public record DocumentRemoved(TenantId tenant, UUID documentId, String source) {
}
