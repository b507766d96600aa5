package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Recipient;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The guardrails for any client: a text and its context in, the verdict with its findings out; nothing stored. */
@Tag(name = "Guardrails")
@RestController
class GuardrailController {

	private final GuardrailService guardrails;
	private final GuardrailChecks checks;
	private final CurrentActor currentActor;

	GuardrailController(GuardrailService guardrails, GuardrailChecks checks, CurrentActor currentActor) {
		this.guardrails = guardrails;
		this.checks = checks;
		this.currentActor = currentActor;
	}

	@Operation(summary = "Check a text against the tenant's guardrail policy: subject, sentences with citations (or a "
			+ "body), passages, lead facts, untrusted inputs and the recipient in; the verdict (PASSED, NEEDS_REPAIR, "
			+ "BLOCKED) and each finding with its rule, severity, span, message and evidence out")
	@PostMapping("/api/guardrails/check")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN })
	CheckResult check(@Valid @RequestBody CheckRequest request) {
		var actor = currentActor.require();
		var sentences = sentences(request);
		var passages = request.passages() == null ? List.<DraftCheck.Passage>of()
				: request.passages().stream().map(p -> new DraftCheck.Passage(p.id().strip(), p.title() == null ? "" : p.title(), p.text())).toList();
		var known = new HashMap<String, Integer>();
		for (int i = 0; i < passages.size(); i++) {
			var first = known.putIfAbsent(passages.get(i).id(), i);
			if (first != null) {
				throw new CheckRequestProblem("passages[" + i + "].id",
						"'" + passages.get(i).id() + "' is already the id of passages[" + first + "]; ids are unique");
			}
		}
		for (int i = 0; i < sentences.size(); i++) {
			var citations = sentences.get(i).citations();
			for (int c = 0; c < citations.size(); c++) {
				if (!known.containsKey(citations.get(c))) {
					throw new CheckRequestProblem("sentences[" + i + "].citations[" + c + "]", "'" + citations.get(c)
							+ "' is not the id of a passage in 'passages'; cite passages by their id");
				}
			}
		}
		var language = language(request.language(), checks.policies().forTenant(actor.tenantSlug()).languages());
		var recipient = request.recipient() == null ? null : request.recipient().toRecipient();
		var check = new DraftCheck(actor.tenantId(), null, "api", request.subject(), sentences,
				request.callToAction() == null ? "" : request.callToAction(), passages,
				request.leadFacts() == null ? Map.of() : request.leadFacts(),
				request.untrustedInputs() == null ? Map.of() : request.untrustedInputs(), recipient, language);
		var verdict = guardrails.check(check);
		return new CheckResult(verdict.name(), verdict.findings(),
				sentences.stream().map(DraftCheck.Sentence::text).toList(), checks.policyVersion(actor.tenantSlug()),
				check.language());
	}

	/**
	 * The draft's language: absent or blank is unknown (checked against every language's lists); otherwise one the
	 * policy has lists for, a region subtag ({@code de-AT}) allowed. A language without lists is refused rather than
	 * silently checked as another one.
	 */
	private static String language(@Nullable String requested, List<String> languages) {
		if (requested == null || requested.isBlank()) {
			return "";
		}
		var primary = requested.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]", 2)[0];
		if (!languages.contains(primary)) {
			throw new CheckRequestProblem("language", "'" + requested + "' is not a language the guardrail policy has "
					+ "word lists for; use one of " + String.join(", ", languages)
					+ " (ISO 639-1), or leave it out when the language is unknown");
		}
		return primary;
	}

	private static List<DraftCheck.Sentence> sentences(CheckRequest request) {
		if (request.sentences() != null && request.body() != null) {
			throw new CheckRequestProblem("body", "give either 'sentences' (each with its citations) or 'body', not both");
		}
		if (request.sentences() != null) {
			return request.sentences()
				.stream()
				.map(s -> new DraftCheck.Sentence(s.text(), s.citations() == null ? List.of()
						: s.citations().stream().map(String::strip).toList()))
				.toList();
		}
		if (request.body() == null) {
			throw new CheckRequestProblem("sentences",
					"is required: give 'sentences' (each with its citations) or the whole 'body'");
		}
		var sentences = new ArrayList<DraftCheck.Sentence>();
		Texts.sentences(request.body()).forEach(text -> sentences.add(new DraftCheck.Sentence(text, List.of())));
		return sentences;
	}

	/**
	 * {@code POST /api/guardrails/check}.
	 *
	 * @param sentences the body sentence by sentence, each with the ids of the passages it cites; or {@code body}
	 * @param body the whole body, split into sentences (which then cite nothing)
	 * @param leadFacts the lead's facts claims may rest on, name → value
	 * @param untrustedInputs other untrusted text that reached the writer (CRM notes, …), name → text
	 * @param language the text's language, ISO 639-1 ({@code de}, {@code en}; a region such as {@code de-AT} is
	 *        read as its language); absent when unknown
	 */
	record CheckRequest(@NotNull @Size(max = 998) String subject,
			@Nullable @Size(max = 200) List<@NotNull @Valid SentenceInput> sentences,
			@Nullable @Size(max = 50_000) String body, @Nullable @Size(max = 2000) String callToAction,
			@Nullable @Size(max = 50) List<@NotNull @Valid PassageInput> passages,
			@Nullable @Size(max = 200) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 10_000) String> leadFacts,
			@Nullable @Size(max = 200) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 50_000) String> untrustedInputs,
			@Nullable @Valid RecipientInput recipient,
			@Nullable @Pattern(regexp = "([A-Za-z]{2}([-_][A-Za-z0-9]{1,8})*)?", message = "must be an ISO 639-1 language code such as de") String language) {
	}

	record SentenceInput(@NotNull @Size(max = 2000) String text,
			@Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> citations) {
	}

	record PassageInput(@NotBlank @Size(max = 200) String id, @Nullable @Size(max = 500) String title,
			@NotNull @Size(max = 50_000) String text) {
	}

	/**
	 * @param country ISO 3166-1 alpha-2
	 * @param consentGrantedAt the day consent was given, ISO-8601
	 */
	record RecipientInput(@NotBlank @Email @Size(max = 254) String email,
			@Nullable @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String country,
			@Nullable @Pattern(regexp = "EXPRESS|IMPLIED|NONE|WITHDRAWN", message = "must be one of EXPRESS, IMPLIED, NONE, WITHDRAWN") String consentStatus,
			@Nullable @Size(max = 100) String consentBasis, @Nullable @Size(max = 100) String consentSource,
			@Nullable LocalDate consentGrantedAt) {

		Recipient toRecipient() {
			return new Recipient(email.strip(), country, consentStatus, consentBasis, consentSource, consentGrantedAt);
		}
	}

	/**
	 * @param sentences the sentences as checked (a {@code body} split), which {@code sentence[i]} spans point into
	 * @param policyVersion the tenant's policy and country table that produced the verdict
	 * @param language the language the text was checked in; empty when unknown
	 */
	record CheckResult(String verdict, List<Finding> findings, List<String> sentences, String policyVersion,
			String language) {
	}

	/** A check request that cannot be served as asked: 400 naming the field and what to do. */
	static class CheckRequestProblem extends ErrorResponseException {

		CheckRequestProblem(String field, String message) {
			super(HttpStatus.BAD_REQUEST, problem(field, message), null);
		}

		private static ProblemDetail problem(String field, String message) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
			problem.setTitle("Invalid guardrail check");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
			return problem;
		}
	}
}
