package com.groundwork.drafting.internal;

import com.groundwork.drafting.EvidenceSlot;
import com.groundwork.search.Passage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one email needs and the passages chosen for it, slot by slot, each with the reason it was chosen.
 *
 * @param query the searches run, for provenance (one line per slot)
 */
record EvidencePlan(List<Slot> slots, String query) {

	EvidencePlan {
		slots = List.copyOf(slots);
	}

	/**
	 * One slot and what filled it.
	 *
	 * @param passages chunks of one document, best first; empty when nothing fitted
	 * @param matched the interest the passages matched (a term from the CRM notes or signals), or null
	 */
	record Slot(SlotSpec spec, String reason, List<Passage> passages, @Nullable String matched) {

		Slot {
			passages = List.copyOf(passages);
		}

		boolean filled() {
			return !passages.isEmpty();
		}

		Optional<Passage> lead() {
			return passages.stream().findFirst();
		}
	}

	/** Every chosen passage labelled {@code P1}… in slot order, and which slot each label belongs to. */
	Labelled labelled() {
		var passages = new ArrayList<GroundingPassage>();
		var slotOf = new LinkedHashMap<String, String>();
		for (var slot : slots) {
			for (var passage : slot.passages()) {
				var label = "P" + (passages.size() + 1);
				passages.add(new GroundingPassage(label, passage));
				slotOf.put(label, slot.spec().name());
			}
		}
		return new Labelled(passages, slotOf);
	}

	record Labelled(List<GroundingPassage> passages, Map<String, String> slotOf) {
	}

	/** The plan as provenance records it and the pages show it. */
	List<EvidenceSlot> view() {
		return slots.stream().map(slot -> {
			var lead = slot.lead();
			return new EvidenceSlot(slot.spec().name(), slot.spec().purpose(), slot.reason(),
					lead.map(Passage::chunkId).orElse(null), lead.map(Passage::documentId).orElse(null),
					lead.map(Passage::documentTitle).orElse(""), lead.map(p -> p.metadata().type()).orElse(""));
		}).toList();
	}

	long filled() {
		return slots.stream().filter(Slot::filled).count();
	}
}
