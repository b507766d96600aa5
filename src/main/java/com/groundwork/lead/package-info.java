/**
 * Leads: the lead data contract, the versioned feature registry, feature snapshots, consent, suppression and the lead score. Publishes LeadUpserted.
 */
@NullMarked
@ApplicationModule
package com.groundwork.lead;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
