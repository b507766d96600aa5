package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.UUID;

/** A document's chunks were (re)written: the search indexes replace that document's chunks with the current ones. */
public record DocumentIndexed(TenantId tenant, UUID documentId, String source, String contentHash, int chunks) {
}
