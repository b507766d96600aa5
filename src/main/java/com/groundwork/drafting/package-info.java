/**
 * Drafting: the prompt registry, model tiers, generation with citations, caching and provenance. Publishes DraftGenerated.
 */
@NullMarked
@ApplicationModule
package com.groundwork.drafting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
