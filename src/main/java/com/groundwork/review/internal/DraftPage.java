package com.groundwork.review.internal;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadScore;
import com.groundwork.lead.PiiClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything the three panes of the draft view show: the draft with its findings highlighted (by their spans, or
 * by their evidence when a span does not point into the draft), the cited passages numbered as the sentences cite
 * them, and the lead's facts from the feature snapshot the draft was grounded in.
 */
record DraftPage(DraftSummary draft, @Nullable ReviewItem item, String state, List<Segment> subject,
		List<SentenceView> sentences, List<Segment> callToAction, List<FindingView> findings, List<PassageView> passages,
		@Nullable FeatureSnapshot snapshot, List<FeatureValue> facts, @Nullable LeadScore score, List<Decision> decisions,
		List<DeliveryRecord> deliveries, @Nullable Decision approval, Actions actions, long leaseSecondsLeft) {

	private static final Pattern SENTENCE_FIELD = Pattern.compile("sentence\\[(\\d+)]");

	/** A run of text, highlighted when a finding points at it. */
	record Segment(String text, @Nullable FindingView finding) {
		String css() {
			return finding == null ? "" : "finding finding-" + finding.severity().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** @param cites the numbers of the passages it cites (see {@link PassageView#number()}) */
	record SentenceView(int index, List<Segment> segments, List<Integer> cites) {
	}

	record PassageView(int number, UUID passageId, String documentTitle, String headingPath, String snippet) {
	}

	/** What the current reviewer may do now. */
	record Actions(boolean claim, boolean review, boolean release, boolean redeliver, boolean requester,
			@Nullable String claimedByOther) {
	}

	static DraftPage of(DraftSummary draft, @Nullable ReviewItem item, List<FindingView> findings,
			@Nullable FeatureSnapshot snapshot, @Nullable LeadScore score, List<Decision> decisions,
			List<DeliveryRecord> deliveries, String actor, Instant now) {
		var state = item == null ? ReviewState.GENERATED.name() : item.state().name();
		// passages numbered in the order the draft first cites them
		var numbers = new LinkedHashMap<UUID, PassageView>();
		for (var sentence : draft.sentences()) {
			for (var citation : sentence.citations()) {
				numbers.computeIfAbsent(citation.passageId(), id -> new PassageView(numbers.size() + 1, id,
						citation.documentTitle(), citation.headingPath(), citation.snippet()));
			}
		}
		var texts = draft.sentences().stream().map(DraftSummary.Sentence::text).toList();
		var ranges = ranges(findings, draft.subject(), texts, draft.callToAction());
		var sentences = new ArrayList<SentenceView>();
		for (int i = 0; i < texts.size(); i++) {
			var cites = draft.sentences()
				.get(i)
				.citations()
				.stream()
				.map(citation -> numbers.get(citation.passageId()).number())
				.distinct()
				.toList();
			sentences.add(new SentenceView(i, segments(texts.get(i), ranges.get("sentence[" + i + "]")), cites));
		}
		var facts = snapshot == null ? List.<FeatureValue>of()
				: snapshot.values().stream().filter(value -> value.pii() != PiiClass.SENSITIVE).toList();
		var approval = decisions.stream().filter(decision -> "APPROVED".equals(decision.action())).reduce((a, b) -> b)
			.orElse(null);
		boolean requester = item != null && item.requestedBy().equals(actor);
		boolean mine = item != null && item.leaseHeldBy(actor, now);
		var other = item != null && item.state() == ReviewState.IN_REVIEW && !mine && !item.leaseExpired(now)
				? item.claimedBy() : null;
		var actions = new Actions(
				item != null && !requester && !mine
						&& (item.state() == ReviewState.CHECKED || item.leaseExpired(now)),
				mine && !requester, item != null && item.state() == ReviewState.APPROVED,
				deliveries.stream().anyMatch(delivery -> "DEAD".equals(delivery.status())), requester, other);
		long left = mine && item.leaseExpiresAt() != null
				? Math.max(0, Duration.between(now, item.leaseExpiresAt()).toSeconds()) : 0;
		return new DraftPage(draft, item, state, segments(draft.subject(), ranges.get("subject")), sentences,
				segments(draft.callToAction(), ranges.get("callToAction")), findings,
				List.copyOf(numbers.values()), snapshot, facts, score, decisions, deliveries, approval, actions, left);
	}

	/** The body as the reviewer edits it (greeting, sentences, call to action). */
	String body() {
		return draft.body();
	}

	private record Range(int start, int end, FindingView finding) {
	}

	/**
	 * Where each finding is, by field: {@code subject}, {@code callToAction}, {@code sentence[i]}; {@code body}
	 * offsets (sentences joined by single spaces) are mapped into their sentence. A finding without a usable span is
	 * placed by its evidence if that occurs in the draft.
	 */
	private static Map<String, List<Range>> ranges(List<FindingView> findings, String subject, List<String> sentences,
			String callToAction) {
		var ranges = new LinkedHashMap<String, List<Range>>();
		for (var finding : findings) {
			var placed = place(finding, subject, sentences, callToAction);
			if (placed == null) {
				placed = byEvidence(finding, subject, sentences, callToAction);
			}
			if (placed != null) {
				ranges.computeIfAbsent(placed.getKey(), field -> new ArrayList<>()).add(placed.getValue());
			}
		}
		return ranges;
	}

	private static Map.@Nullable Entry<String, Range> place(FindingView finding, String subject, List<String> sentences,
			String callToAction) {
		if (finding.field() == null || finding.start() == null || finding.end() == null) {
			return null;
		}
		int start = finding.start();
		int end = finding.end();
		String field = finding.field();
		if (field.equals("body")) {
			int offset = 0;
			for (int i = 0; i < sentences.size(); i++) {
				int length = sentences.get(i).length();
				if (start < offset + length) {
					field = "sentence[" + i + "]";
					start -= offset;
					end = Math.min(end - offset, length);
					break;
				}
				offset += length + 1;
			}
			if (field.equals("body")) {
				return null;
			}
		}
		String text;
		Matcher sentence = SENTENCE_FIELD.matcher(field);
		if (field.equals("subject")) {
			text = subject;
		}
		else if (field.equals("callToAction")) {
			text = callToAction;
		}
		else if (sentence.matches() && Integer.parseInt(sentence.group(1)) < sentences.size()) {
			text = sentences.get(Integer.parseInt(sentence.group(1)));
		}
		else {
			return null;
		}
		if (start < 0 || end > text.length() || start >= end) {
			return null;
		}
		return Map.entry(field, new Range(start, end, finding));
	}

	private static Map.@Nullable Entry<String, Range> byEvidence(FindingView finding, String subject,
			List<String> sentences, String callToAction) {
		var evidence = finding.evidence().strip();
		if (evidence.length() < 3) {
			return null;
		}
		var fields = new LinkedHashMap<String, String>();
		fields.put("subject", subject);
		for (int i = 0; i < sentences.size(); i++) {
			fields.put("sentence[" + i + "]", sentences.get(i));
		}
		fields.put("callToAction", callToAction);
		for (var field : fields.entrySet()) {
			int at = field.getValue().indexOf(evidence);
			if (at >= 0) {
				return Map.entry(field.getKey(), new Range(at, at + evidence.length(), finding));
			}
		}
		return null;
	}

	/** The text cut at the findings' ranges; overlapping ranges keep the first. */
	static List<Segment> segments(String text, @Nullable List<Range> ranges) {
		if (ranges == null || ranges.isEmpty()) {
			return List.of(new Segment(text, null));
		}
		var sorted = ranges.stream().sorted(Comparator.comparingInt(Range::start)).toList();
		var segments = new ArrayList<Segment>();
		int at = 0;
		for (var range : sorted) {
			if (range.start() < at) {
				continue;
			}
			if (range.start() > at) {
				segments.add(new Segment(text.substring(at, range.start()), null));
			}
			segments.add(new Segment(text.substring(range.start(), range.end()), range.finding()));
			at = range.end();
		}
		if (at < text.length()) {
			segments.add(new Segment(text.substring(at), null));
		}
		return segments;
	}
}
