package com.groundwork.campaign.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.Role;
import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadImports;
import com.groundwork.lead.Suppressions;
import com.groundwork.web.NavigationItem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires campaigns: repositories, the worker of this instance, intake, progress, events, export, the page link. */
@Configuration(proxyBeanMethods = false)
class CampaignConfiguration {

	@Bean
	CampaignRepository campaignRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new CampaignRepository(jdbc, mapper);
	}

	@Bean
	ItemRepository campaignItemRepository(JdbcClient jdbc, JdbcTemplate template,
			PlatformTransactionManager transactionManager) {
		return new ItemRepository(jdbc, template, new TransactionTemplate(transactionManager));
	}

	@Bean
	CampaignMetrics campaignMetrics(MeterRegistry registry) {
		return new CampaignMetrics(registry);
	}

	@Bean
	ItemDrafting itemDrafting(Drafts drafts, Suppressions suppressions, ObjectProvider<Guardrails> guardrails,
			CampaignSettings settings) {
		return new ItemDrafting(drafts, suppressions, guardrails, settings);
	}

	@Bean
	CampaignCompletion campaignCompletion(CampaignRepository campaigns, ItemRepository items,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
		return new CampaignCompletion(campaigns, items, events, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	CampaignWorker campaignWorker(CampaignRepository campaigns, ItemRepository items, ItemDrafting drafting,
			CampaignCompletion completion, Drafts drafts, Tenants tenants, CampaignSettings settings,
			CampaignMetrics metrics, Clock clock) {
		return new CampaignWorker(campaigns, items, drafting, completion, drafts, tenants, settings, metrics, clock);
	}

	@Bean
	CampaignIntake campaignIntake(CampaignRepository campaigns, ItemRepository items, LeadImports leads, Drafts drafts,
			CampaignWorker worker, CampaignSettings settings, JsonMapper mapper, Clock clock) {
		return new CampaignIntake(campaigns, items, leads, drafts, worker, settings, mapper, clock);
	}

	@Bean
	CampaignService campaignService(CampaignRepository campaigns, ItemRepository items, CampaignWorker worker,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new CampaignService(campaigns, items, worker, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	CampaignProgress campaignProgress(ItemRepository items, Drafts drafts, CampaignWorker worker, Clock clock) {
		return new CampaignProgress(items, drafts, worker, clock);
	}

	@Bean
	CampaignEvents campaignEvents(CampaignRepository campaigns, CampaignProgress progress, CampaignSettings settings) {
		return new CampaignEvents(campaigns, progress, settings);
	}

	@Bean
	CampaignExport campaignExport(ItemRepository items, Drafts drafts, ObjectProvider<Guardrails> guardrails,
			JsonMapper mapper) {
		return new CampaignExport(items, drafts, guardrails, mapper);
	}

	@Bean
	NavigationItem campaignsNavigation() {
		return new NavigationItem("Campaigns", "/campaigns", 40, EnumSet.of(Role.MARKETER, Role.ADMIN));
	}
}
