package com.groundwork.drafting.internal;

import java.util.List;
import java.util.Objects;

/**
 * One slot of an angle's evidence plan, as the prompt file's {@code plan} section defines it: what the email needs
 * and where to look for it.
 *
 * @param name e.g. {@code customer-result}; {@code compose} lists name it
 * @param purpose what the slot is for, as a reviewer reads it
 * @param types document types searched ({@code type} metadata), in order of preference; empty: any but pricing
 * @param industry {@code lead}: the lead's industry first, then the nearest industry, then cross-industry documents;
 * {@code any}: no industry preference
 * @param productOf the slot whose document's {@code product} this slot's document must share (empty: any product)
 * @param query the search query, a small template over the lead variables and {@code {interests}}
 * @param interests whether the slot is filled only by a passage that matches an interest named in the CRM notes or
 * intent signals (a proof point); such a slot stays empty when nothing matches
 * @param required whether a draft without this slot filled is a fallback the plan says so about
 * @param sentences how many sentences tier 0 quotes from it at most
 */
record SlotSpec(String name, String purpose, List<String> types, Industry industry, String productOf, String query,
		boolean interests, boolean required, int sentences) {

	enum Industry {
		LEAD, ANY
	}

	SlotSpec {
		Objects.requireNonNull(name, "name");
		types = List.copyOf(types);
	}
}
