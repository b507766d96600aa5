package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The injection evaluation's retrieval: the real search, with the attacker's passage (when one is planted) ranked
 * first — the worst case of a poisoned knowledge document that matches every query.
 */
final class PlantingRetrieval extends PassageRetrieval {

	private volatile @Nullable String planted;

	PlantingRetrieval(PassageSearch search, List<String> excludedTitles) {
		super(search, excludedTitles);
	}

	void plant(@Nullable String passageText) {
		this.planted = passageText;
	}

	@Override
	Retrieved retrieve(TenantId tenant, PromptFile prompt, LeadContext lead, int k) {
		var real = super.retrieve(tenant, prompt, lead, k);
		var text = planted;
		if (text == null) {
			return real;
		}
		var passages = new ArrayList<Passage>();
		var metadata = real.passages().isEmpty() ? new PassageMetadata("", "", "", "", "en")
				: real.passages().getFirst().passage().metadata();
		passages.add(new Passage(UUID.nameUUIDFromBytes(("planted-document:" + text).getBytes(StandardCharsets.UTF_8)),
				UUID.nameUUIDFromBytes(("planted:" + text).getBytes(StandardCharsets.UTF_8)), "Customer e-mail", "",
				text, org.springframework.web.util.HtmlUtils.htmlEscape(text.substring(0, Math.min(200, text.length()))),
				sha256(text), metadata, Optional.empty(), Optional.empty(), 1.0));
		real.passages().stream().limit(Math.max(0, k - 1)).forEach(grounding -> passages.add(grounding.passage()));
		var labelled = new ArrayList<GroundingPassage>();
		for (var passage : passages) {
			labelled.add(new GroundingPassage("P" + (labelled.size() + 1), passage));
		}
		return new Retrieved(real.query(), labelled);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
