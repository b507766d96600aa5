package com.groundwork.lead.internal.importing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CSV import of leads.
 *
 * @param batchSize valid rows stored per transaction
 * @param maxReportedErrors row errors listed in the report; further ones are only counted
 */
@ConfigurationProperties("groundwork.lead.import")
@Validated
record ImportSettings(@DefaultValue("500") @Positive @Max(10_000) int batchSize,
		@DefaultValue("1000") @Positive int maxReportedErrors) {
}
