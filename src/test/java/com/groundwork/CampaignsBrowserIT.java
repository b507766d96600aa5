package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.campaign.CampaignFixtures;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.groundwork.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A marketer starts a campaign from a CSV on the campaigns page in a real browser (Debian's chromium, headless),
 * watches it progress live (server-sent events; one draft every two seconds), pauses and resumes it, sees the import's refused row, the blocked
 * reasons chart and the counts by state, and exports the drafts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "groundwork.campaign.tenants.default.drafts-per-second=0.5")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignsBrowserIT {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	@BeforeAll
	void startBrowser(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search,
			@Autowired Tenants tenants) {
		browser = HeadlessChromium.start(1280, 1400);
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"),
				DraftingFixtures.DOCUMENTS.subList(0, 4));
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aMarketerRunsACampaignFromACsvAndWatchesItLive() throws IOException {
		var csv = Files.createTempFile("leads", ".csv");
		var rows = new StringBuilder(CampaignFixtures.CSV_HEADER).append('\n');
		for (var id : CampaignFixtures.ids("B", 8)) {
			rows.append(CampaignFixtures.csvRow(id)).append('\n');
		}
		rows.append(CampaignFixtures.csvRow("B-DE").replace(",US,", ",DE,").replace("IMPLIED,webinar,2026-09-01", "NONE,,"))
			.append('\n');
		rows.append(CampaignFixtures.csvRow("B-BAD").replace("@", "-at-")).append('\n');
		Files.writeString(csv, rows);

		browser.get("http://localhost:" + port + "/campaigns");
		// the controls post a form and the page comes back: an element may go stale while it is read
		var wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys("acme.marketer");
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=create-form]")));
		assertThat(browser.findElement(By.cssSelector("nav a.active")).getText()).isEqualTo("Campaigns");

		browser.findElement(By.cssSelector("[data-testid=campaign-name]")).sendKeys("Browser intro");
		new Select(browser.findElement(By.cssSelector("[data-testid=campaign-angle]"))).selectByValue("intro");
		browser.findElement(By.cssSelector("[data-testid=campaign-file]")).sendKeys(csv.toAbsolutePath().toString());
		browser.findElement(By.cssSelector("[data-testid=create-submit]")).click();

		// the campaign's own page: the refused row, then live progress (two drafts a second)
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=campaign-title]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=campaign-title]")).getText()).isEqualTo("Browser intro");
		assertThat(browser.findElement(By.cssSelector("[data-testid=total]")).getText()).isEqualTo("9");
		assertThat(browser.findElements(By.cssSelector("[data-testid=import-error]"))).singleElement()
			.satisfies(row -> assertThat(row.getText()).contains("B-BAD").contains("contact.email"));
		wait.until(driver -> Integer.parseInt(text("done")) >= 1);

		browser.findElement(By.cssSelector("[data-testid=pause]")).click();
		wait.until(driver -> text("campaign-status").equals("PAUSED")
				|| !browser.findElements(By.cssSelector("[data-testid=flash-error]")).isEmpty());
		assertThat(browser.findElements(By.cssSelector("[data-testid=flash-error]"))).isEmpty();
		var pausedAt = Integer.parseInt(text("done"));
		assertThat(pausedAt).isLessThan(9);
		assertThat(browser.findElement(By.cssSelector("[data-testid=resume]")).isEnabled()).isTrue();
		browser.findElement(By.cssSelector("[data-testid=resume]")).click();

		wait.until(driver -> text("campaign-status").equals("COMPLETED"));
		wait.until(driver -> "finished".equals(browser.findElement(By.id("campaign")).getAttribute("data-live")));
		assertThat(text("done")).isEqualTo("9");
		assertThat(text("count-DRAFTED")).isEqualTo("8");
		assertThat(text("count-BLOCKED")).isEqualTo("1");
		assertThat(browser.findElement(By.cssSelector("[data-testid=progress-fill]")).getAttribute("style"))
			.contains("100%");
		assertThat(browser.findElement(By.cssSelector("[data-testid=pause]")).isEnabled()).isFalse();
		@SuppressWarnings("unchecked")
		var labels = (List<String>) ((JavascriptExecutor) browser).executeScript(
				"const chart = Chart.getChart(document.getElementById('blocked-chart')); return chart ? chart.data.labels : null;");
		assertThat(labels).containsExactly("compliance.consent-required");
		assertThat(browser.findElement(By.cssSelector("[data-testid=no-blocked]")).isDisplayed()).isFalse();
		HeadlessChromium.screenshot(browser, "campaign.png");

		var exported = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(document.querySelector('[data-testid=export-csv]').href).then(r => r.text()).then(done);""");
		assertThat(exported).startsWith("row,leadExternalId,state").contains("B-DE,BLOCKED,compliance.consent-required");
		assertThat(CampaignFixtures.ids("B", 8)).allSatisfy(id -> assertThat(exported).contains("," + id + ",DRAFTED,"));

		browser.findElement(By.linkText("← Campaigns")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=campaign-row]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=campaign-row]")).getText()).contains("Browser intro")
			.contains("COMPLETED");
		HeadlessChromium.screenshot(browser, "campaigns.png");
	}

	private String text(String testId) {
		return browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
	}
}
