package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.support.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Insights page in a real browser, on the demo history seeded at start (as the embedded default does): every
 * chart is drawn by Chart.js with data, the drift alerts of the demo's last week are listed; and the CRM sidebar
 * shows the lead's next-best-action with its reasons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "groundwork.insight.demo-history=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsBrowserIT {

	private static final List<String> CHARTS = List.of("funnel-chart", "rates-chart", "variants-chart", "cost-chart");

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	@BeforeAll
	void startBrowser() {
		browser = HeadlessChromium.start(1280, 1600);
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theChartsRenderWithDataAndTheDriftAlertsShow() throws IOException {
		browser.get("http://localhost:" + port + "/insights");
		var wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys("acme.admin");
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=funnel-chart]")));
		assertThat(browser.getCurrentUrl()).contains("/insights");

		var js = (JavascriptExecutor) browser;
		wait.until(driver -> Boolean.TRUE.equals(js.executeScript(
				"return !!window.Chart && ['funnel-chart','rates-chart','variants-chart','cost-chart']"
						+ ".every(id => window.Chart.getChart(document.getElementById(id)))")));
		for (var chart : CHARTS) {
			var drawn = (Map<String, Object>) js.executeScript("""
					const canvas = document.getElementById(arguments[0]);
					const chart = window.Chart.getChart(canvas);
					const values = chart.data.datasets.flatMap(set => set.data)
						.map(v => Array.isArray(v) ? v[1] : v).filter(v => v != null && !isNaN(v));
					const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
					let painted = 0;
					for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
					return { labels: chart.data.labels.length, values: values.length,
					         total: values.reduce((a, b) => a + Number(b), 0), painted: painted, width: canvas.width };
					""", chart);
			assertThat(((Number) drawn.get("labels")).intValue()).as("%s labels", chart).isPositive();
			assertThat(((Number) drawn.get("values")).intValue()).as("%s values", chart).isPositive();
			assertThat(((Number) drawn.get("total")).doubleValue()).as("%s total", chart).isPositive();
			assertThat(((Number) drawn.get("painted")).intValue()).as("%s painted pixels", chart).isGreaterThan(500);
		}
		// the funnel starts with every generated draft and narrows to the meetings
		var funnel = (List<Number>) js.executeScript(
				"return window.Chart.getChart(document.getElementById('funnel-chart')).data.datasets[0].data");
		assertThat(funnel.getFirst().intValue()).isGreaterThan(funnel.getLast().intValue()).isGreaterThan(100);
		assertThat(browser.findElements(By.cssSelector("[data-testid=drift-alert]"))).extracting(e -> e.getAttribute("data-signal"))
			.contains("block-rate", "retrieval-score");
		assertThat(browser.findElements(By.cssSelector("[data-testid=canary-row]"))).hasSize(3);
		HeadlessChromium.screenshot(browser, "insights.png");

		// the sidebar loads the lead's next-best-action beside its facts
		browser.get("http://localhost:" + port + "/sidebar?lead=L-1001");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=nba-action]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=nba-action]")).getAttribute("data-action"))
			.isIn("intro", "follow-up", "case-study", "wait", "do-not-contact");
		assertThat(browser.findElements(By.cssSelector("[data-testid=nba-reasons] li"))).isNotEmpty();
		HeadlessChromium.screenshot(browser, "sidebar-next-best-action.png");
	}
}
