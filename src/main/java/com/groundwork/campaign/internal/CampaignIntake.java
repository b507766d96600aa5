package com.groundwork.campaign.internal;

import com.groundwork.campaign.internal.CampaignProblems.CampaignRequestProblem;
import com.groundwork.campaign.internal.CampaignProblems.IdempotencyKeyReusedException;
import com.groundwork.campaign.internal.CampaignProblems.IdempotentRequestInProgressException;
import com.groundwork.campaign.internal.ImportSummary.RowError;
import com.groundwork.campaign.internal.ItemRepository.NewItem;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.Actor;
import com.groundwork.lead.LeadImportReport;
import com.groundwork.lead.LeadImports;
import com.groundwork.lead.LeadImports.ImportedLead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates campaigns from a JSON body or a CSV, streamed: leads are validated and stored by the lead module in
 * batches, and each stored batch becomes the campaign's items in the same transaction. Nothing holds the whole body.
 * With an {@code Idempotency-Key}, the body's SHA-256 (taken while it streams by) decides: the same body answers the
 * campaign it created, another body is refused.
 */
class CampaignIntake {

	private static final int MAX_CAMPAIGN_ERRORS = 1000;

	private final CampaignRepository campaigns;
	private final ItemRepository items;
	private final LeadImports leads;
	private final Drafts drafts;
	private final CampaignWorker worker;
	private final CampaignSettings settings;
	private final JsonMapper mapper;
	private final Clock clock;

	CampaignIntake(CampaignRepository campaigns, ItemRepository items, LeadImports leads, Drafts drafts,
			CampaignWorker worker, CampaignSettings settings, JsonMapper mapper, Clock clock) {
		this.campaigns = campaigns;
		this.items = items;
		this.leads = leads;
		this.drafts = drafts;
		this.worker = worker;
		this.settings = settings;
		this.mapper = mapper;
		this.clock = clock;
	}

	/** What a campaign is called and asks for. */
	record Description(@Nullable String name, @Nullable String angle, @Nullable String promptVariant) {
	}

	/** A created campaign, or the one an earlier request with the same key and body created. */
	record Created(Campaign campaign, boolean replayed) {
	}

	/** A CSV upload: the description from form fields or the query, the file as a stream. */
	Created fromCsv(Actor actor, @Nullable String idempotencyKey, Description description, InputStream csv,
			Charset charset) {
		var digest = sha256();
		digest.update(("csv\n" + description.name() + "\n" + description.angle() + "\n" + description.promptVariant()
				+ "\n").getBytes(StandardCharsets.UTF_8));
		var body = new DigestInputStream(csv, digest);
		var replay = replay(actor, idempotencyKey, body);
		if (replay != null) {
			return replay;
		}
		validate(actor, description);
		var campaign = open(actor, idempotencyKey, description);
		try {
			var intake = new Intake(actor, campaign.id(), false);
			// the import closes what it reads; the body must stay open so that its hash can cover all of it
			var unclosable = new FilterInputStream(body) {
				@Override
				public void close() {
				}
			};
			var report = leads.importCsv(actor.tenantId(), new InputStreamReader(unclosable, charset), intake);
			return close(actor, campaign, intake, report, body);
		}
		catch (RuntimeException failed) {
			campaigns.delete(actor.tenantId(), campaign.id());
			throw failed;
		}
	}

	/** A JSON body {@code {"name","angle","promptVariant","leads":[…]}}, read token by token. */
	Created fromJson(Actor actor, @Nullable String idempotencyKey, InputStream json) {
		var body = new DigestInputStream(json, sha256());
		var replay = replay(actor, idempotencyKey, body);
		if (replay != null) {
			return replay;
		}
		Campaign campaign = null;
		try (JsonParser parser = mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new CampaignRequestProblem("body", "must be a JSON object {\"name\",\"angle\",\"leads\":[…]}");
			}
			String name = null;
			String angle = null;
			String variant = null;
			Intake intake = null;
			LeadImportReport report = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var field = parser.currentName();
				var token = parser.nextToken();
				switch (field) {
					case "name" -> name = text(parser, token, field);
					case "angle" -> angle = text(parser, token, field);
					case "promptVariant" -> variant = text(parser, token, field);
					case "leads" -> {
						if (token != JsonToken.START_ARRAY) {
							throw new CampaignRequestProblem("leads", "must be an array of leads in the lead contract");
						}
						if (report != null) {
							throw new CampaignRequestProblem("leads", "is given twice");
						}
						if (name != null && angle != null) {
							validate(actor, new Description(name, angle, variant)); // before any lead is stored
						}
						campaign = open(actor, idempotencyKey, new Description(name, angle, variant));
						intake = new Intake(actor, campaign.id(), true);
						report = leads.importContracts(actor.tenantId(), elements(parser), intake);
						if (!report.complete()) {
							throw new CampaignRequestProblem("leads", report.errors().getLast().message());
						}
					}
					default -> throw new CampaignRequestProblem(field,
							"is not a field of a campaign; the fields are name, angle, promptVariant and leads");
				}
			}
			if (campaign == null || intake == null || report == null) {
				throw new CampaignRequestProblem("leads",
						"is required: an array of leads in the lead contract (or upload a CSV)");
			}
			var description = new Description(name, angle, variant);
			validate(actor, description);
			campaigns.describe(actor.tenantId(), campaign.id(), String.valueOf(name).strip(), String.valueOf(angle),
					variant, now());
			return close(actor, campaign, intake, report, body);
		}
		catch (JacksonException malformed) {
			if (campaign != null) {
				campaigns.delete(actor.tenantId(), campaign.id());
			}
			throw new CampaignRequestProblem("body", "is not valid JSON: " + malformed.getOriginalMessage());
		}
		catch (RuntimeException failed) {
			if (campaign != null) {
				campaigns.delete(actor.tenantId(), campaign.id());
			}
			throw failed;
		}
	}

	/**
	 * With a key used before: the earlier campaign if this body is the same (the body is read to its end to know),
	 * a refusal if not. Null when the request is new (or the import it names was abandoned, which is then dropped).
	 */
	private @Nullable Created replay(Actor actor, @Nullable String key, DigestInputStream body) {
		if (key == null) {
			return null;
		}
		if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw new CampaignRequestProblem("Idempotency-Key", "must be 1 to 200 visible ASCII characters, e.g. a UUID");
		}
		var earlier = campaigns.findByIdempotencyKey(actor.tenantId(), key);
		if (earlier.isEmpty()) {
			return null;
		}
		var campaign = earlier.get();
		if (campaign.status() == CampaignStatus.IMPORTING) {
			if (campaign.updatedAt().isAfter(now().minus(settings.importTimeout()))) {
				throw new IdempotentRequestInProgressException(key);
			}
			campaigns.delete(actor.tenantId(), campaign.id()); // its instance died: this request takes over
			return null;
		}
		if (hex(drain(body)).equals(campaign.requestHash())) {
			return new Created(campaign, true);
		}
		throw new IdempotencyKeyReusedException(key, campaign.id());
	}

	private void validate(Actor actor, Description description) {
		var name = description.name();
		if (name == null || name.isBlank()) {
			throw new CampaignRequestProblem("name", "is required: what the campaign is called, e.g. \"Q3 logistics intro\"");
		}
		if (name.strip().length() > 200) {
			throw new CampaignRequestProblem("name", "must be at most 200 characters");
		}
		var angles = drafts.angles();
		var angle = description.angle();
		if (angle == null || !angles.contains(angle)) {
			throw new CampaignRequestProblem("angle", (angle == null ? "is required" : "'" + angle + "' is not an angle")
					+ "; use one of " + String.join(", ", angles));
		}
		var variant = description.promptVariant();
		if (variant != null) {
			var variants = drafts.promptVariants(actor.tenantSlug(), angle);
			if (!variants.contains(variant)) {
				throw new CampaignRequestProblem("promptVariant", "'" + variant + "' is not a prompt variant of angle "
						+ angle + " for your tenant; use one of " + String.join(", ", variants) + ", or leave it out");
			}
		}
	}

	/** The campaign row, IMPORTING, before any lead is read (its items need it). */
	private Campaign open(Actor actor, @Nullable String key, Description description) {
		var now = now();
		var name = description.name() == null || description.name().isBlank() ? "(importing)"
				: description.name().strip();
		var name200 = name.length() > 200 ? name.substring(0, 200) : name;
		var campaign = new Campaign(UUID.randomUUID(), actor.tenantId(), name200,
				description.angle() == null ? "" : description.angle(), description.promptVariant(),
				CampaignStatus.IMPORTING, key, null, null, 0, actor.name(), now, now, null, null);
		try {
			campaigns.insert(campaign);
		}
		catch (DuplicateKeyException raced) {
			throw new IdempotentRequestInProgressException(String.valueOf(key)); // a concurrent twin was first
		}
		return campaign;
	}

	private Created close(Actor actor, Campaign campaign, Intake intake, LeadImportReport report,
			DigestInputStream body) {
		var hash = hex(drain(body));
		var summary = intake.summary(report);
		campaigns.imported(actor.tenantId(), campaign.id(), hash, summary, CampaignStatus.RUNNING, now());
		worker.wake();
		return new Created(campaigns.find(actor.tenantId(), campaign.id()).orElseThrow(), false);
	}

	/** Turns each stored batch of leads into items, refusing duplicates and leads past the limit. */
	private final class Intake implements Consumer<List<ImportedLead>> {

		private final Actor actor;
		private final UUID campaign;
		private final boolean json;
		private final List<RowError> errors = new ArrayList<>();
		private long accepted;
		private long duplicates;
		private long beyondLimit;
		private long omitted;

		Intake(Actor actor, UUID campaign, boolean json) {
			this.actor = actor;
			this.campaign = campaign;
			this.json = json;
		}

		@Override
		public void accept(List<ImportedLead> batch) {
			var now = now();
			var fresh = new ArrayList<NewItem>(batch.size());
			for (var lead : batch) {
				if (accepted + fresh.size() < settings.maxLeads()) {
					fresh.add(new NewItem(lead.row(), lead.externalId()));
				}
				else {
					if (beyondLimit++ == 0) {
						error(lead.row(), lead.externalId(), json ? "leads" : "row", "a campaign takes at most "
								+ settings.maxLeads() + " leads; this one and the valid leads after it were stored as "
								+ "leads but are not part of the campaign");
					}
				}
			}
			var skipped = items.insert(actor.tenantId(), campaign, fresh, now);
			for (var duplicate : skipped) {
				duplicates++;
				error(duplicate.seq(), duplicate.leadExternalId(), json ? field(duplicate.seq(), "externalId") : "externalId",
						"the lead is already in this campaign from an earlier row; it gets one draft");
			}
			accepted += fresh.size() - skipped.size();
			campaigns.touch(campaign, accepted, now);
		}

		private void error(long row, String externalId, String field, String message) {
			if (errors.size() < MAX_CAMPAIGN_ERRORS) {
				errors.add(new RowError(row, externalId, field, message));
			}
			else {
				omitted++;
			}
		}

		private String field(long index, String path) {
			return "leads[" + index + "]." + path;
		}

		ImportSummary summary(LeadImportReport report) {
			var all = new ArrayList<RowError>(errors);
			for (var error : report.errors()) {
				all.add(new RowError(error.row(), error.externalId(),
						json && !error.field().equals("leads") ? field(error.row(), error.field()) : error.field(),
						error.message()));
			}
			all.sort(Comparator.comparingLong(RowError::row));
			return new ImportSummary(report.rows(), accepted, report.rejected(), duplicates, beyondLimit, all,
					omitted + report.errorsOmitted(), report.complete());
		}
	}

	/** The elements of the array the parser stands at the start of, one tree at a time. */
	private static Iterator<JsonNode> elements(JsonParser parser) {
		return new Iterator<>() {
			private @Nullable JsonToken next;

			@Override
			public boolean hasNext() {
				if (next == null) {
					next = parser.nextToken();
				}
				return next != JsonToken.END_ARRAY && next != null;
			}

			@Override
			public JsonNode next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				next = null;
				return parser.readValueAsTree();
			}
		};
	}

	private static @Nullable String text(JsonParser parser, JsonToken token, String field) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.VALUE_STRING) {
			throw new CampaignRequestProblem(field, "must be a string");
		}
		return parser.getString();
	}

	/** Reads what is left of the body (so its hash covers all of it) and answers the digest. */
	private static byte[] drain(DigestInputStream body) {
		try {
			var buffer = new byte[8192];
			while (body.read(buffer) >= 0) {
				// digest only
			}
			return body.getMessageDigest().digest();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
