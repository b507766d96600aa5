/**
 * Campaigns: bulk jobs, work items, progress and rate limits. Publishes CampaignCompleted.
 */
@NullMarked
@ApplicationModule
package com.groundwork.campaign;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
