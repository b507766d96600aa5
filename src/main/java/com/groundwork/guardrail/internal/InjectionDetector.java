package com.groundwork.guardrail.internal;

import java.util.List;

/**
 * Finds instructions hidden in untrusted text (passages, CRM fields, lead notes) after normalizing it
 * ({@link TextNormalizer}); deterministic, thread-safe, never throws on any input.
 */
interface InjectionDetector {

	List<InjectionSignal> scan(String text);
}
