package com.groundwork.campaign;

import com.groundwork.identity.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Which campaign ordered a draft, for modules that report by campaign (insights). */
public interface CampaignDrafts {

	/** The campaign whose work item the draft was written for; empty for sidebar and API drafts. */
	Optional<CampaignRef> campaignOf(TenantId tenant, UUID draftId);

	record CampaignRef(UUID id, String name) {

		public CampaignRef {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(name, "name");
		}
	}
}
