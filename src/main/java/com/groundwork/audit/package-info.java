/**
 * Audit: the hash-chained append-only audit log, GDPR export and erasure.
 */
@NullMarked
@ApplicationModule
package com.groundwork.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
