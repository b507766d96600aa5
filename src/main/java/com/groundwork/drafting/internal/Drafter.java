package com.groundwork.drafting.internal;

/** One model tier. */
interface Drafter {

	int tier();

	/** The model's name as provenance records it. */
	String model();

	/**
	 * @throws DraftingFailedException with a reason when the tier cannot answer (timeouts, refusals, malformed output)
	 */
	Composition write(DraftInput input);
}
