package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.groundwork.support.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rep opens the CRM sidebar for a demo lead in a real browser (Debian's chromium, headless), generates a draft with
 * the embedded default (no key) and sees its cited sentences with their passages on hover.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidebarBrowserIT {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	@BeforeAll
	void startBrowser(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search,
			@Autowired Tenants tenants) throws IOException {
		browser = HeadlessChromium.start(600, 1100);
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aRepGeneratesACitedDraftInTheSidebar() throws IOException {
		browser.get("http://localhost:" + port + "/sidebar?lead=L-1001");
		var wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys("acme.rep");
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();

		// back on the sidebar the rep asked for, with the lead's facts and score
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=lead-score]")));
		assertThat(browser.getCurrentUrl()).contains("/sidebar?lead=L-1001");
		assertThat(browser.findElement(By.cssSelector("[data-testid=lead-facts]")).getText())
			.contains("Northwind Logistics");

		browser.findElement(By.cssSelector("[data-testid=generate]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=cited-sentence]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=draft-status]")).getText()).isEqualTo("GENERATED");
		var cited = browser.findElements(By.cssSelector("[data-testid=cited-sentence]"));
		assertThat(cited).isNotEmpty();
		assertThat(cited).allSatisfy(sentence -> assertThat(sentence.getAttribute("title")).contains(" — "));
		assertThat(browser.findElement(By.cssSelector("[data-testid=draft]")).getText()).contains("Hi Dana,");

		// the email score: its value, a reason per rule (with its fix when it earned less than its share), the language
		var score = browser.findElement(By.cssSelector("[data-testid=email-score]"));
		assertThat(Integer.parseInt(score.findElement(By.cssSelector("[data-testid=email-score-value]")).getText()))
			.isBetween(1, 100);
		var reasons = score.findElements(By.cssSelector("[data-testid=score-reason]"));
		assertThat(reasons).hasSize(8);
		assertThat(reasons).extracting(reason -> reason.getAttribute("data-rule"))
			.contains("body-length", "readability", "one-ask", "personalization");
		assertThat(reasons).allSatisfy(reason -> assertThat(reason.getText()).containsPattern("\\+\\d+"));
		for (var fix : score.findElements(By.cssSelector("[data-testid=score-fix]"))) {
			assertThat(fix.getText()).isNotBlank();
		}
		assertThat(browser.findElement(By.cssSelector("[data-testid=draft-language]")).getText()).isEqualToIgnoringCase("en");
		// the sources say why these passages (the offline pipeline records no plan yet: it says so)
		browser.findElement(By.cssSelector("[data-testid=sources] summary")).click();
		var plan = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=evidence-plan]")));
		assertThat(plan.getText()).contains("Why these passages");
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
				browser.findElement(By.cssSelector("[data-testid=draft]")));
		screenshot("sidebar.png");

		browser.findElement(By.cssSelector("[data-testid=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=submitted]")));
	}

	private void screenshot(String name) throws IOException {
		HeadlessChromium.screenshot(browser, name);
	}
}
