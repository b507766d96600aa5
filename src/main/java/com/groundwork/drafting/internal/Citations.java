package com.groundwork.drafting.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Checks a tier's citations: every cited id is one of the retrieved passages, and the draft cites at least one. */
final class Citations {

	private Citations() {
	}

	static void check(ModelDraft draft, List<GroundingPassage> passages) {
		var labels = passages.stream().map(GroundingPassage::label).collect(Collectors.toSet());
		if (draft.subject().isBlank() || draft.sentences().isEmpty()) {
			throw new DraftingFailedException("incomplete", "The draft has no subject or no body");
		}
		for (var sentence : draft.sentences()) {
			for (var cited : sentence.passages()) {
				if (!labels.contains(cited)) {
					throw new DraftingFailedException("invalid-citation", "A sentence cites '" + cited
							+ "', which is not among the retrieved passages " + labels.stream().sorted().toList());
				}
			}
		}
		if (draft.sentences().stream().allMatch(sentence -> sentence.passages().isEmpty())) {
			throw new DraftingFailedException("ungrounded", "No sentence of the draft cites a passage");
		}
	}
}
