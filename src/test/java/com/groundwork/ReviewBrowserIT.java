package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.review.ReviewFixtures;
import com.groundwork.search.PassageSearch;
import com.groundwork.support.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A reviewer in a real browser (Debian's chromium, headless): the queue updates itself, a draft opens in its three
 * panes, and the reviewer claims it with the keyboard, edits it, has the edit re-checked (an invented figure is
 * refused, a harmless edit passes), approves it and sees the diff; then rejects another draft with a reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "groundwork.review.queue-refresh=1s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewBrowserIT {

	@LocalServerPort
	int port;

	private ChromeDriver browser;
	private FluentWait<WebDriver> wait;
	private ReviewFixtures fixtures;
	private TenantId acme;

	@BeforeAll
	void setUp(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants,
			@Autowired Drafts drafts, @Autowired Guardrails guardrails, @Autowired LeadFeatures leadFeatures,
			@Autowired PlatformTransactionManager transactions, @Autowired JdbcClient jdbc) {
		browser = HeadlessChromium.start(1400, 1100);
		wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		fixtures = new ReviewFixtures(drafts, guardrails, leadFeatures, transactions, jdbc);
		browser.get(url("/review"));
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys("acme.reviewer");
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=queue]")));
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	@Order(1)
	void aReviewerClaimsEditsHasTheEditReCheckedAndApproves() throws IOException {
		// the queue page is open; a new draft appears in it without a reload
		browser.get(url("/review"));
		var draft = queued("L-1003", "case-study");
		var row = By.cssSelector("[data-testid=queue-row][data-draft-id='" + draft.id() + "']");
		wait.until(ExpectedConditions.visibilityOfElementLocated(row));
		screenshot("review-queue.png");
		browser.findElement(row).findElement(By.cssSelector("[data-testid=queue-open]")).click();

		// three panes: the draft, its cited passages, the lead's facts
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=pane-draft]")));
		assertThat(text("[data-testid=state]")).isEqualTo("CHECKED");
		assertThat(text("[data-testid=draft-body]")).contains("Hi Priya,");
		assertThat(browser.findElements(By.cssSelector("[data-testid=passage]"))).isNotEmpty();
		assertThat(text("[data-testid=lead-facts]")).contains("Cascade Outfitters");
		// the draft's email score, with a reason per rule, its language and why these passages
		assertThat(browser.findElement(By.cssSelector("[data-testid=pane-draft] [data-testid=email-score]"))
			.getAttribute("data-score")).isEqualTo(String.valueOf(draft.score().value()));
		assertThat(text("[data-testid=email-score-value]")).isEqualTo(String.valueOf(draft.score().value()));
		assertThat(browser.findElements(By.cssSelector("[data-testid=score-reason]"))).hasSize(8);
		assertThat(text("[data-testid=draft-language]")).isEqualToIgnoringCase("en");
		assertThat(text("[data-testid=pane-passages] [data-testid=evidence-plan]")).contains("Why these passages");

		// c claims (keyboard shortcut)
		browser.findElement(By.tagName("body")).sendKeys("c");
		waitForState("IN_REVIEW");
		assertThat(text("[data-testid=lease]")).contains("min left");

		// e opens the editor; an invented figure is refused by the re-check
		browser.findElement(By.tagName("body")).sendKeys("e");
		var body = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=edit-body]")));
		replace(body, draft.body().replace(draft.callToAction(),
				"Teams like yours cut costs by 97% in 3 weeks. " + draft.callToAction()));
		browser.findElement(By.cssSelector("[data-testid=recheck]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=recheck-finding]")));
		assertThat(text("[data-testid=recheck-result]")).contains("97%");
		assertThat(text("[data-testid=state]")).isEqualTo("IN_REVIEW");
		screenshot("review-recheck.png");

		// approving it anyway is refused, the edit is kept and the findings shown
		browser.findElement(By.cssSelector("[data-testid=approve-edit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=refused-finding]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=edit-body]")).getAttribute("value")).contains("97%");

		// a harmless edit passes the re-check and is approved; the diff shows what changed
		replace(browser.findElement(By.cssSelector("[data-testid=edit-body]")), draft.body().replaceFirst("^Hi ", "Hello "));
		browser.findElement(By.cssSelector("[data-testid=recheck]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=recheck-clean]")));
		browser.findElement(By.cssSelector("[data-testid=edit-comment]")).sendKeys("warmer greeting");
		browser.findElement(By.cssSelector("[data-testid=approve-edit]")).click();
		waitForState("APPROVED");
		assertThat(text("[data-testid=edit-distance]")).isEqualTo("1");
		assertThat(browser.findElement(By.cssSelector("[data-testid=diff] ins")).getText()).isEqualTo("Hello");
		assertThat(browser.findElement(By.cssSelector("[data-testid=diff] del")).getText()).isEqualTo("Hi");
		assertThat(text("[data-testid=approval]")).contains("warmer greeting");
		screenshot("review-approved.png");
	}

	@Test
	@Order(2)
	void aReviewerRejectsADraftWithAReason() throws IOException {
		var draft = queued("L-1007", "intro");
		browser.get(url("/review/" + draft.id()));
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=claim]"))).click();
		waitForState("IN_REVIEW");
		browser.findElement(By.cssSelector("[data-testid=reject]")).click();
		var reason = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=reject-reason]")));
		new Select(reason).selectByValue("tone");
		browser.findElement(By.cssSelector("[data-testid=reject-comment]")).sendKeys("Less formal, shorter.");
		browser.findElement(By.cssSelector("[data-testid=reject-submit]")).click();
		var state = wait.until(driver -> {
			var shown = text("[data-testid=state]");
			return shown.equals("IN_REVIEW") ? null : shown;
		});
		assertThat(state).isIn("REJECTED", "REWORK");
		var rejected = browser.findElement(By.cssSelector("[data-testid=decision][data-action=REJECTED]")).getText();
		assertThat(rejected).contains("tone", "Less formal, shorter.", "acme.reviewer");
		screenshot("review-rejected.png");

		// the rework comes back to the queue as a new draft of the same lead, marked with the reason
		browser.get(url("/review"));
		wait.until(driver -> driver.findElements(By.cssSelector("[data-testid=queue-row]"))
			.stream()
			.anyMatch(row -> row.getText().contains("L-1007") && row.getText().contains("reworked: tone")));
	}

	private DraftSummary queued(String lead, String angle) {
		var draft = fixtures.generate(acme, "acme", lead, angle, "acme.rep");
		fixtures.queueWith(draft, ReviewFixtures.clean());
		return draft;
	}

	private void waitForState(String state) {
		wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=state]"), state));
	}

	private String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText();
	}

	private void replace(WebElement field, String value) {
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", field, value);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void screenshot(String name) throws IOException {
		HeadlessChromium.screenshot(browser, name);
	}
}
