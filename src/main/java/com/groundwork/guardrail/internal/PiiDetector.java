package com.groundwork.guardrail.internal;

import java.util.List;

/** Finds personal data in text; deterministic, thread-safe, never throws on any input. */
interface PiiDetector {

	/** Non-overlapping entities in order of position. */
	List<PiiEntity> detect(String text);
}
