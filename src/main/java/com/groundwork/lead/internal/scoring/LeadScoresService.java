package com.groundwork.lead.internal.scoring;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.LeadScore;
import com.groundwork.lead.LeadScores;
import com.groundwork.lead.internal.store.LeadRepository;
import com.groundwork.lead.internal.store.StoredLead;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/** Scores stored leads against their tenant's ideal customer profile, as of today. */
@Service
public class LeadScoresService implements LeadScores {

	private final LeadRepository leads;
	private final LeadScorer scorer;
	private final ScoringSettings settings;
	private final Tenants tenants;
	private final Clock clock;

	LeadScoresService(LeadRepository leads, LeadScorer scorer, ScoringSettings settings, Tenants tenants, Clock clock) {
		this.leads = leads;
		this.scorer = scorer;
		this.settings = settings;
		this.tenants = tenants;
		this.clock = clock;
	}

	@Override
	public LeadScore scoreOf(TenantId tenant, String externalId) {
		return scoreOf(leads.find(tenant, externalId).orElseThrow(() -> new LeadNotFoundException(externalId)));
	}

	public LeadScore scoreOf(StoredLead lead) {
		var slug = tenants.slugOf(lead.tenant()).orElse(ScoringSettings.DEFAULT_PROFILE);
		return scorer.score(lead.lead(), settings.profileOf(slug), LocalDate.now(clock));
	}
}
