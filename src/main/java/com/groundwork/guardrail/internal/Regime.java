package com.groundwork.guardrail.internal;

/** What consent a country requires before commercial e-mail may be sent. */
enum Regime {
	/** Prior express consent, recorded (GDPR / ePrivacy opt-in countries). */
	OPT_IN,
	/** Express consent, or implied consent within its expiry (CASL). */
	CONSENT,
	/** No prior consent needed; the recipient may opt out (CAN-SPAM). */
	OPT_OUT
}
