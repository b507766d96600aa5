package com.groundwork.lead.internal.crm;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CRM change events.
 *
 * @param webhookSecrets the HMAC-SHA256 secret per tenant slug that signs the tenant's CRM events; a tenant without
 * one (or with an empty one) cannot send events
 * @param signatureTolerance how far a signature's timestamp may be from the server's clock
 */
@ConfigurationProperties("groundwork.crm")
record CrmSettings(@DefaultValue Map<String, String> webhookSecrets, @DefaultValue("5m") Duration signatureTolerance) {
}
