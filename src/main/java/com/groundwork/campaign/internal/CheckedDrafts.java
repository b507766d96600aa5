package com.groundwork.campaign.internal;

import com.groundwork.guardrail.DraftChecked;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * The guardrails' verdicts of the drafts this instance's items are writing, as {@link DraftChecked} announces them
 * (synchronously, in the transaction that stores the draft): the item learns its verdict without reading it back. Only
 * awaited drafts are kept, and each only until its item takes it.
 */
class CheckedDrafts {

	private final Set<UUID> awaited = ConcurrentHashMap.newKeySet();
	private final Map<UUID, DraftChecked> checked = new ConcurrentHashMap<>();

	void await(UUID draftId) {
		awaited.add(draftId);
	}

	@EventListener
	void on(DraftChecked event) {
		if (awaited.contains(event.draftId())) {
			checked.put(event.draftId(), event);
		}
	}

	/** The verdict announced for the draft while it was awaited; empty if none was (the draft existed already). */
	Optional<DraftChecked> take(UUID draftId) {
		awaited.remove(draftId);
		return Optional.ofNullable(checked.remove(draftId));
	}
}
