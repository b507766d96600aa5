package com.groundwork.insight.internal;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The statistics behind KPIs, canary verdicts and drift alerts. */
final class Stats {

	/** z for a two-sided 95 % interval. */
	static final double Z95 = 1.959963984540054;

	private Stats() {
	}

	/** A rate with its 95 % Wilson score interval; the rate is null when there is no trial. */
	record Rate(long successes, long trials, @Nullable Double rate, @Nullable Double low, @Nullable Double high) {

		static Rate of(long successes, long trials) {
			if (trials == 0) {
				return new Rate(0, 0, null, null, null);
			}
			double[] interval = wilson(successes, trials);
			return new Rate(successes, trials, round((double) successes / trials), round(interval[0]), round(interval[1]));
		}
	}

	/**
	 * The Wilson score interval at 95 %: unlike the normal approximation it stays inside [0, 1] and is honest for
	 * small samples and rates near 0 or 1.
	 */
	static double[] wilson(long successes, long trials) {
		if (trials == 0) {
			return new double[] { 0, 1 };
		}
		double n = trials;
		double p = successes / n;
		double z2 = Z95 * Z95;
		double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
		double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
		return new double[] { Math.max(0, centre - half), Math.min(1, centre + half) };
	}

	/** A two-proportion z-test (pooled standard error): z of b's rate against a's, and the two-sided p-value. */
	record ZTest(double z, double pValue) {
	}

	static ZTest twoProportion(long successesA, long trialsA, long successesB, long trialsB) {
		if (trialsA == 0 || trialsB == 0) {
			return new ZTest(0, 1);
		}
		double pA = (double) successesA / trialsA;
		double pB = (double) successesB / trialsB;
		double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
		double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
		if (se == 0) {
			return new ZTest(0, 1);
		}
		double z = (pB - pA) / se;
		return new ZTest(z, 2 * (1 - normalCdf(Math.abs(z))));
	}

	/** Welch's z for the difference of two means (large samples): of b against a. */
	static double meanShiftZ(double[] a, double[] b) {
		if (a.length < 2 || b.length < 2) {
			return 0;
		}
		double se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
		return se == 0 ? 0 : (mean(b) - mean(a)) / se;
	}

	/**
	 * Population stability index of {@code recent} against {@code baseline}, over ten bins cut at the baseline's
	 * deciles: Σ (r − b) · ln(r / b), with empty bins floored at 0.0001. Below 0.1 is stable, above 0.2 a shift.
	 */
	static double psi(double[] baseline, double[] recent) {
		if (baseline.length == 0 || recent.length == 0) {
			return 0;
		}
		var sorted = baseline.clone();
		Arrays.sort(sorted);
		var cuts = new double[9];
		for (int i = 1; i <= 9; i++) {
			cuts[i - 1] = sorted[Math.min(sorted.length - 1, (int) Math.floor(i * sorted.length / 10.0))];
		}
		double[] b = shares(baseline, cuts);
		double[] r = shares(recent, cuts);
		double psi = 0;
		for (int i = 0; i < b.length; i++) {
			double bi = Math.max(b[i], 1e-4);
			double ri = Math.max(r[i], 1e-4);
			psi += (ri - bi) * Math.log(ri / bi);
		}
		return psi;
	}

	private static double[] shares(double[] values, double[] cuts) {
		var counts = new double[cuts.length + 1];
		for (double value : values) {
			int bin = 0;
			while (bin < cuts.length && value > cuts[bin]) {
				bin++;
			}
			counts[bin]++;
		}
		for (int i = 0; i < counts.length; i++) {
			counts[i] /= values.length;
		}
		return counts;
	}

	/** Φ(x), by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
	static double normalCdf(double x) {
		double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
		double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
				* Math.exp(-x * x / 2);
		return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
	}

	static double mean(double[] values) {
		return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
	}

	static double variance(double[] values) {
		double mean = mean(values);
		return values.length < 2 ? 0
				: Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum() / (values.length - 1);
	}

	/** The q-quantile (0 to 1) by the nearest rank, or null for no value. */
	static @Nullable Double quantile(List<Double> values, double q) {
		if (values.isEmpty()) {
			return null;
		}
		var sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(q * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}
}
