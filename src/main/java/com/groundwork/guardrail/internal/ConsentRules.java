package com.groundwork.guardrail.internal;

import java.time.Period;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The country table: which consent each recipient country requires. */
record ConsentRules(String version, Regime unlisted, Map<String, CountryFile.Country> countries) {

	ConsentRules {
		countries = Map.copyOf(countries);
	}

	/** The rule for a country (ISO alpha-2, any case), or the unlisted one; null country is handled by the policy. */
	Rule ruleOf(String country, Policy policy) {
		var code = country.strip().toUpperCase(Locale.ROOT);
		var listed = countries.get(code);
		var regime = listed == null ? unlisted : listed.regime();
		var law = listed == null ? "the default for unlisted countries" : listed.law();
		if (policy.optInCountries().contains(code) && regime != Regime.OPT_IN) {
			return new Rule(code, Regime.OPT_IN, "the tenant's policy (opt-in country)", null);
		}
		return new Rule(code, regime == null ? Regime.OPT_IN : regime, law == null ? "" : law,
				listed == null ? null : listed.impliedConsentExpiry());
	}

	/** @param impliedConsentExpiry how long implied consent lasts, or null when it does not expire */
	record Rule(String country, Regime regime, String law, @Nullable Period impliedConsentExpiry) {
	}
}
