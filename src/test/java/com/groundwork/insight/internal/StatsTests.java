package com.groundwork.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics against values computed by hand (and checked with R's prop.test / binom packages). */
class StatsTests {

	@Test
	void wilsonIntervalsMatchPublishedValues() {
		// 0 of 10: [0, 0.2775]; 5 of 10: [0.2366, 0.7634]; 81 of 263 (Wilson 1927 style example): [0.2553, 0.3662]
		assertThat(Stats.wilson(0, 10)[0]).isEqualTo(0.0);
		assertThat(Stats.wilson(0, 10)[1]).isCloseTo(0.2775, within(1e-4));
		assertThat(Stats.wilson(5, 10)[0]).isCloseTo(0.2366, within(1e-4));
		assertThat(Stats.wilson(5, 10)[1]).isCloseTo(0.7634, within(1e-4));
		assertThat(Stats.wilson(81, 263)[0]).isCloseTo(0.2553, within(1e-4));
		assertThat(Stats.wilson(81, 263)[1]).isCloseTo(0.3662, within(1e-4));
		var rate = Stats.Rate.of(1, 1);
		assertThat(rate.rate()).isEqualTo(1.0);
		assertThat(rate.low()).isEqualTo(0.2065);
		assertThat(Stats.Rate.of(0, 0).rate()).isNull();
	}

	@Test
	void twoProportionZTest() {
		// 120 of 1000 against 150 of 1000: pooled p 0.135, z = 0.03 / sqrt(0.135 * 0.865 * 0.002) = 1.9630, p = 0.0496
		var test = Stats.twoProportion(120, 1000, 150, 1000);
		assertThat(test.z()).isCloseTo(1.9630, within(1e-3));
		assertThat(test.pValue()).isCloseTo(0.0496, within(1e-3));
		assertThat(Stats.twoProportion(10, 100, 10, 100).pValue()).isCloseTo(1.0, within(1e-6));
		assertThat(Stats.twoProportion(0, 0, 3, 10).pValue()).isEqualTo(1.0);
		assertThat(Stats.normalCdf(1.959963984540054)).isCloseTo(0.975, within(1e-6));
		assertThat(Stats.normalCdf(-1)).isCloseTo(0.158655, within(1e-6));
	}

	@Test
	void populationStabilityIndexIsZeroForTheSameDistributionAndGrowsWithAShift() {
		var baseline = new double[1000];
		var same = new double[1000];
		var shifted = new double[1000];
		var random = new java.util.Random(7);
		for (int i = 0; i < 1000; i++) {
			baseline[i] = 0.8 + random.nextGaussian() * 0.05;
			same[i] = 0.8 + random.nextGaussian() * 0.05;
			shifted[i] = 0.72 + random.nextGaussian() * 0.05;
		}
		assertThat(Stats.psi(baseline, baseline)).isCloseTo(0.0, within(1e-9));
		assertThat(Stats.psi(baseline, same)).isLessThan(0.1);
		assertThat(Stats.psi(baseline, shifted)).isGreaterThan(0.5);
	}

	@Test
	void quantilesByNearestRank() {
		assertThat(Stats.quantile(List.of(5.0, 1.0, 3.0, 2.0, 4.0), 0.5)).isEqualTo(3.0);
		assertThat(Stats.quantile(List.of(5.0, 1.0, 3.0, 2.0, 4.0), 0.9)).isEqualTo(5.0);
		assertThat(Stats.quantile(List.of(), 0.5)).isNull();
	}
}
