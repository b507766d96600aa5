package com.groundwork.campaign.internal;

import com.groundwork.campaign.CampaignDrafts;
import com.groundwork.identity.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A draft's campaign, by the draft id its work item chose before the draft was written. */
@Component
class CampaignDraftLookup implements CampaignDrafts {

	private final JdbcClient jdbc;

	CampaignDraftLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<CampaignRef> campaignOf(TenantId tenant, UUID draftId) {
		return jdbc.sql("""
				SELECT c.id, c.name FROM campaign_item i JOIN campaign c ON c.id = i.campaign_id
				WHERE i.tenant_id = ? AND i.draft_id = ?""")
			.params(tenant.value(), draftId)
			.query((rs, row) -> new CampaignRef(rs.getObject("id", UUID.class), rs.getString("name")))
			.optional();
	}
}
