package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Severity;
import com.groundwork.identity.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Compliance of sending this mail at all, checked at generation and again at release ({@link #recipient}):
 * <ul>
 * <li>CAN-SPAM: the tenant's policy names an accurate sender, a physical postal address and an https one-click
 * unsubscribe URL (RFC 8058), which the release footer and headers need ({@code compliance.can-spam.*});</li>
 * <li>suppression: the recipient is on neither the tenant's do-not-contact list nor the global one
 * ({@code compliance.suppressed}, {@code compliance.suppressed-global});</li>
 * <li>consent by recipient country ({@code countries.yaml}): withdrawn consent blocks everywhere; opt-in countries
 * (GDPR / ePrivacy) need recorded express consent; consent countries (CASL) need express consent or implied consent
 * within its expiry ({@code compliance.consent-withdrawn}, {@code .consent-required}, {@code .consent-expired}).</li>
 * </ul>
 * A draft whose recipient is not known yet gets a warning ({@code compliance.recipient-unknown}).
 */
final class ComplianceCheck implements Check {

	private static final Pattern EMAIL = Pattern.compile(PolicyFile.EMAIL);

	private final BiPredicate<TenantId, String> tenantSuppressed;
	private final GuardrailPolicies policies;

	ComplianceCheck(BiPredicate<TenantId, String> tenantSuppressed, GuardrailPolicies policies) {
		this.tenantSuppressed = tenantSuppressed;
		this.policies = policies;
	}

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		findings.addAll(sender(context.policy));
		var recipient = context.draft.recipient();
		if (recipient == null) {
			findings.add(new Finding("compliance.recipient-unknown", Severity.WARNING, null,
					"No recipient given: suppression and consent are checked when it is known, and again at release", ""));
			return;
		}
		findings.addAll(recipient(context.draft.tenant(), recipient, context.policy, context.consent, context.today));
	}

	/** What the release footer and headers need from the tenant's policy. */
	static List<Finding> sender(Policy policy) {
		var findings = new ArrayList<Finding>();
		var file = policy.tenant() == null ? "guardrails/tenants/<slug>.yaml" : "guardrails/tenants/" + policy.tenant() + ".yaml";
		var sender = policy.sender();
		if (sender == null || blank(sender.name()) || blank(sender.email())) {
			findings.add(new Finding("compliance.can-spam.sender", Severity.BLOCK, null,
					"CAN-SPAM: the tenant's policy names no sender (name and address); set sender in " + file, ""));
		}
		if (sender == null || blank(sender.postalAddress())) {
			findings.add(new Finding("compliance.can-spam.postal-address", Severity.BLOCK, null,
					"CAN-SPAM: every mail carries the sender's physical postal address; set sender.postal-address in " + file,
					""));
		}
		var unsubscribe = policy.unsubscribeUrl();
		if (unsubscribe == null || !unsubscribe.startsWith("https://")) {
			findings.add(new Finding("compliance.can-spam.opt-out", Severity.BLOCK, null,
					"CAN-SPAM / RFC 8058: released mail needs a working one-click opt-out; set an https unsubscribe-url in "
							+ file,
					""));
		}
		return findings;
	}

	/** Suppression and consent for one recipient: empty when the mail may go. */
	List<Finding> recipient(TenantId tenant, Recipient recipient, Policy policy, ConsentRules consent, LocalDate today) {
		var findings = new ArrayList<Finding>();
		var email = recipient.email().strip();
		if (!EMAIL.matcher(email).matches()) {
			findings.add(new Finding("compliance.recipient-address", Severity.BLOCK, null,
					"The recipient's address is not a valid e-mail address", Texts.maskValue(email)));
			return findings;
		}
		if (tenantSuppressed.test(tenant, email)) {
			findings.add(new Finding("compliance.suppressed", Severity.BLOCK, null,
					"The recipient is on the tenant's do-not-contact list: never mail them", Texts.maskValue(email)));
		}
		if (policies.globallySuppressed(email)) {
			findings.add(new Finding("compliance.suppressed-global", Severity.BLOCK, null,
					"The recipient is on the global do-not-contact list: no tenant may mail them", Texts.maskValue(email)));
		}
		var status = recipient.consentStatus() == null ? "" : recipient.consentStatus().strip().toUpperCase(Locale.ROOT);
		if (status.equals("WITHDRAWN")) {
			findings.add(new Finding("compliance.consent-withdrawn", Severity.BLOCK, null,
					"The recipient withdrew consent: never mail them again", status));
			return findings;
		}
		var country = recipient.country();
		ConsentRules.Rule rule = country == null || country.isBlank()
				? new ConsentRules.Rule("unknown", policy.unknownCountry(), "the policy for recipients of unknown country", null)
				: consent.ruleOf(country, policy);
		var granted = recipient.consentGrantedAt();
		switch (rule.regime()) {
			case OPT_IN -> {
				if (!status.equals("EXPRESS") || granted == null) {
					findings.add(new Finding("compliance.consent-required", Severity.BLOCK, null,
							rule.country() + " requires prior opt-in consent (" + rule.law() + "); the lead has "
									+ (status.equals("EXPRESS") ? "express consent without the day it was given" : describe(status))
									+ ": record express consent before writing",
							rule.country() + " " + (status.isEmpty() ? "no consent" : status)));
				}
			}
			case CONSENT -> {
				if (status.equals("EXPRESS") && granted != null) {
					break;
				}
				if (status.equals("IMPLIED") && granted != null) {
					var expiry = rule.impliedConsentExpiry();
					if (expiry != null && granted.plus(expiry).isBefore(today)) {
						findings.add(new Finding("compliance.consent-expired", Severity.BLOCK, null,
								"Implied consent for " + rule.country() + " (" + rule.law() + ") lasts " + expiry
										+ " and was given on " + granted + ": it expired on " + granted.plus(expiry)
										+ "; ask for express consent",
								rule.country() + " IMPLIED " + granted));
					}
					break;
				}
				findings.add(new Finding("compliance.consent-required", Severity.BLOCK, null,
						rule.country() + " requires express, or recorded implied, consent (" + rule.law() + "); the lead has "
								+ describe(status) + (granted == null && !status.isEmpty() && !status.equals("NONE")
										? " without the day it was given" : ""),
						rule.country() + " " + (status.isEmpty() ? "no consent" : status)));
			}
			case OPT_OUT -> {
				// CAN-SPAM and alike: no prior consent needed; the opt-out in every released mail is the safeguard.
			}
		}
		return findings;
	}

	private static String describe(String status) {
		return switch (status) {
			case "" -> "no consent recorded";
			case "NONE" -> "none";
			default -> status.toLowerCase(Locale.ROOT) + " consent";
		};
	}

	private static boolean blank(@org.jspecify.annotations.Nullable String value) {
		return value == null || value.isBlank();
	}
}
