package com.groundwork.review.internal;

import com.groundwork.lead.LeadErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An erased lead's reviews go with it, in the erasure's transaction: the items (approved text, recipient), their
 * decisions (original and final texts, diffs), deliveries and outbox mail (the message) and labels. Who decided what
 * stays in the audit trail, whose entries about the lead are tombstoned.
 */
@Component
class ReviewErasure {

	private final JdbcClient jdbc;

	ReviewErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(LeadErased event) {
		var tenant = event.tenant().value();
		var items = "SELECT id FROM review_item WHERE tenant_id = ? AND lead_external_id = ?";
		jdbc.sql("DELETE FROM review_campaign_label WHERE tenant_id = ? AND draft_id IN "
				+ "(SELECT draft_id FROM review_item_draft WHERE item_id IN (" + items + "))")
			.params(tenant, tenant, event.externalId()).update();
		for (var table : new String[] { "review_item_draft", "review_decision", "review_delivery", "review_outbox" }) {
			jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = ? AND item_id IN (" + items + ")")
				.params(tenant, tenant, event.externalId()).update();
		}
		jdbc.sql("DELETE FROM review_item WHERE tenant_id = ? AND lead_external_id = ?")
			.params(tenant, event.externalId()).update();
	}
}
