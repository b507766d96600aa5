/**
 * Insights: metrics, KPIs, outcome webhooks and evaluation reports.
 */
@NullMarked
@ApplicationModule
package com.groundwork.insight;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
