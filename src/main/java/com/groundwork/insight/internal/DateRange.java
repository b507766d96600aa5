package com.groundwork.insight.internal;

import com.groundwork.insight.internal.InsightProblems.InvalidInsightRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** The days a report covers, both included (UTC). */
record DateRange(LocalDate from, LocalDate to) {

	static final int DEFAULT_DAYS = 90;

	static final int MAX_DAYS = 3 * 366;

	/**
	 * From the request's {@code from} and {@code to} (ISO dates); missing ones default to the last
	 * {@value #DEFAULT_DAYS} days up to today.
	 * @throws InvalidInsightRequestException naming the parameter that is not a date, or {@code to} when it is
	 * before {@code from} or the range is longer than three years
	 */
	static DateRange parse(@Nullable String from, @Nullable String to, Clock clock) {
		var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		var end = to == null || to.isBlank() ? today : date("to", to);
		var start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
		if (end.isBefore(start)) {
			throw new InvalidInsightRequestException("to", "must not be before 'from' (" + start + ")");
		}
		if (start.plusDays(MAX_DAYS).isBefore(end)) {
			throw new InvalidInsightRequestException("to", "the range may span at most " + MAX_DAYS + " days");
		}
		return new DateRange(start, end);
	}

	private static LocalDate date(String parameter, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInsightRequestException(parameter,
					"'" + value + "' is not an ISO date; write it as yyyy-MM-dd, e.g. 2026-01-31");
		}
	}
}
