package com.groundwork.drafting.internal;

import com.groundwork.drafting.internal.scoring.EmailScorer;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.Role;
import com.groundwork.identity.TenantRegions;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import com.groundwork.search.PassageSearch;
import com.groundwork.web.NavigationItem;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the drafting pipeline; the prompt registry is read and checked here, at start-up. */
@Configuration(proxyBeanMethods = false)
class DraftingConfiguration {

	@Bean
	PromptRegistry promptRegistry(DraftingSettings settings) {
		return new PromptRegistry(settings.promptsDir());
	}

	@Bean
	Languages draftLanguages(DraftingSettings settings) {
		return Languages.load(settings.promptsDir());
	}

	@Bean
	DocumentPassages documentPassages(com.groundwork.knowledge.KnowledgeChunks chunks) {
		return new DocumentPassages(chunks);
	}

	@Bean
	EvidencePlanner evidencePlanner(PassageSearch search, DraftingSettings settings, Languages languages,
			DocumentPassages documents) {
		return new SlotPlanner(search, new PassageRetrieval(search, settings.excludedTitles()), languages.words(),
				documents);
	}

	@Bean
	VariantRouter variantRouter(PromptRegistry registry, DraftingSettings settings) {
		return new VariantRouter(registry, settings);
	}

	@Bean
	DraftRepository draftRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new DraftRepository(jdbc, mapper);
	}

	@Bean
	DraftBudget draftBudget(DraftRepository drafts, DraftingSettings settings, Clock clock) {
		return new DraftBudget(drafts, settings, clock);
	}

	@Bean
	DraftCache draftCache(DraftingSettings settings, Clock clock) {
		return new DraftCache(settings.cache().ttl(), settings.cache().maxEntries(), clock);
	}

	@Bean
	RepairPrompt repairPrompt(DraftingSettings settings) {
		return RepairPrompt.load(settings.promptsDir());
	}

	@Bean
	TierRouting tierRouting(DraftingSettings settings, JsonMapper mapper, Guardrails guardrails,
			RepairPrompt repairPrompt, TenantRegions tenants, Languages languages) {
		var drafters = new LinkedHashMap<String, Drafter>();
		drafters.put("offline", new OfflineDrafter(languages.words()));
		int tier = 1;
		for (var name : new String[] { "small", "large" }) {
			var tierSettings = settings.tiers().get(name);
			if (tierSettings != null && tierSettings.enabled()) {
				drafters.put(name, new ModelDrafter(name, tier, tierSettings, mapper, guardrails, repairPrompt));
			}
			tier++;
		}
		return new TierRouting(drafters, settings, tenants);
	}

	/** The email score's rules, read once: a missing or wrong file stops start-up naming it and the field. */
	@Bean
	EmailScorer emailScorer(
			@Value("${groundwork.drafting.email-score:${groundwork.guardrails.dir:guardrails}/email-score.yaml}") Path rules) {
		return EmailScorer.load(rules);
	}

	@Bean
	DraftScoring draftScoring(EmailScorer scorer, Guardrails guardrails) {
		return new DraftScoring(scorer, guardrails);
	}

	@Bean
	DraftPipelines draftPipelines(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router,
			DraftRepository drafts, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			DraftingSettings settings, Clock clock, Guardrails guardrails, Languages languages, DraftScoring scoring) {
		return new DraftPipelines(leadFeatures, leadScores, router, drafts, events,
				new TransactionTemplate(transactionManager), settings, clock, guardrails, languages, scoring);
	}

	@Bean(destroyMethod = "close")
	DraftPipeline draftPipeline(DraftPipelines pipelines, EvidencePlanner planner, TierRouting tiers, DraftCache cache,
			DraftBudget budget, ObjectProvider<ObservationRegistry> observations) {
		return pipelines.pipeline(planner, tiers, cache, budget, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	NavigationItem sidebarNavigation() {
		return new NavigationItem("Sidebar", "/sidebar", 30, EnumSet.of(Role.REP, Role.MARKETER, Role.ADMIN));
	}

	/**
	 * Before Spring Security's filters, so that it can take over their frame headers for the sidebar only, and for
	 * the login page a framed sidebar sends an anonymous rep to.
	 */
	@Bean
	FilterRegistrationBean<SidebarFrameFilter> sidebarFrameFilter(DraftingSettings settings) {
		var registration = new FilterRegistrationBean<>(new SidebarFrameFilter(settings.sidebar().frameAncestors()));
		registration.addUrlPatterns("/sidebar", "/sidebar/*", "/login");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}
}
