package com.groundwork.identity.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.TenantSummary;
import com.groundwork.identity.Tenants;
import com.groundwork.identity.TenantRegions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tenants. Unlike other repositories this one is not tenant-scoped: callers decide who may see which tenant. A tenant's
 * slug never changes once created, so every draft asks for it from memory after the first lookup.
 */
@Repository
class TenantRepository implements Tenants, TenantRegions {

	private final JdbcClient jdbc;
	private final Clock clock;

	private final ConcurrentMap<TenantId, String> knownSlugs = new ConcurrentHashMap<>();

	TenantRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	TenantView create(String slug, String name, String region) {
		var id = UUID.randomUUID();
		var now = OffsetDateTime.now(clock);
		jdbc.sql("INSERT INTO tenant (id, slug, name, region, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, slug, name, region, now)
			.update();
		return new TenantView(id, slug, name, region, now);
	}

	Optional<TenantView> findById(TenantId id) {
		return jdbc.sql("SELECT id, slug, name, region, created_at FROM tenant WHERE id = ?")
			.param(id.value())
			.query(TenantView.class)
			.optional();
	}

	Optional<TenantView> findBySlug(String slug) {
		return jdbc.sql("SELECT id, slug, name, region, created_at FROM tenant WHERE slug = ?")
			.param(slug)
			.query(TenantView.class)
			.optional();
	}

	List<TenantView> findAll() {
		return jdbc.sql("SELECT id, slug, name, region, created_at FROM tenant ORDER BY slug").query(TenantView.class).list();
	}

	@Override
	public String regionOf(TenantId tenant) {
		// read each time: a tenant may be moved to another region
		return findById(tenant).orElseThrow(() -> new java.util.NoSuchElementException("no tenant " + tenant)).region();
	}

	@Override
	public Optional<String> slugOf(TenantId tenant) {
		return remembered(tenant);
	}

	/** The tenant's slug, from memory once seen (slugs never change; an unknown id is looked up each time). */
	private Optional<String> remembered(TenantId tenant) {
		var slug = knownSlugs.get(tenant);
		if (slug == null) {
			slug = findById(tenant).map(TenantView::slug).orElse(null);
			if (slug != null) {
				knownSlugs.putIfAbsent(tenant, slug);
			}
		}
		return Optional.ofNullable(slug);
	}

	@Override
	public List<TenantSummary> all() {
		return findAll().stream().map(tenant -> new TenantSummary(new TenantId(tenant.id()), tenant.slug(), tenant.name())).toList();
	}
}
