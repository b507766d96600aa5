package com.groundwork.lead.internal;

import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadPayload;
import com.groundwork.lead.internal.store.LeadRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds each demo tenant's leads from {@code demo/leads-<slug>.jsonl} (one lead contract per line) at first start,
 * after identity has seeded the tenants. A tenant that has any lead is left alone.
 */
@Component
@ConditionalOnBooleanProperty("groundwork.demo.enabled")
class DemoLeadSeeder {

	private static final Logger log = LoggerFactory.getLogger(DemoLeadSeeder.class);

	private final Tenants tenants;
	private final LeadRepository leads;
	private final LeadContracts contracts;
	private final LeadService service;
	private final JsonMapper mapper;
	private final TransactionTemplate transactions;

	DemoLeadSeeder(Tenants tenants, LeadRepository leads, LeadContracts contracts, LeadService service, JsonMapper mapper,
			TransactionTemplate transactions) {
		this.tenants = tenants;
		this.leads = leads;
		this.contracts = contracts;
		this.service = service;
		this.mapper = mapper;
		this.transactions = transactions;
	}

	/** After identity's seeding, which runs at order 0. */
	@Order(10)
	@EventListener(ContextRefreshedEvent.class)
	public void seed() {
		for (var tenant : tenants.all()) {
			var resource = new ClassPathResource("demo/leads-" + tenant.slug() + ".jsonl");
			if (!resource.exists() || leads.count(tenant.id()) > 0) {
				continue;
			}
			int seeded = transactions.execute(status -> {
				int count = 0;
				try (var lines = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (!line.isBlank()) {
							service.upsert(tenant.id(), contracts.accept(mapper.readValue(line, LeadPayload.class)),
									Origin.DEMO_SEED);
							count++;
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read " + resource.getPath(), ex);
				}
				return count;
			});
			log.info("Seeded {} demo leads for tenant '{}'", seeded, tenant.slug());
		}
	}
}
