package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.Suppressions;
import com.groundwork.search.PassageSearch;
import com.groundwork.support.HeadlessChromium;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole way of a newcomer's first email on the embedded default, in a real browser (Debian's chromium,
 * headless): a rep generates a draft in the sidebar and sends it to review; a reviewer claims, approves and releases
 * it; the mail appears in the outbox as it would arrive (footer, RFC 8058 headers), and its unsubscribe link puts the
 * recipient on the suppression list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxBrowserIT {

	/** A lead of this test's own (like the demo's L-1001): its address ends on the suppression list. */
	private static final String LEAD = "OUTBOX-B1";

	private static final String EMAIL = "dana.outbox@northwind-outbox.example";

	@LocalServerPort
	int port;

	@Autowired
	Suppressions suppressions;

	private ChromeDriver browser;
	private FluentWait<WebDriver> wait;
	private TenantId acme;
	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void setUp(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants)
			throws Exception {
		browser = HeadlessChromium.start(1200, 1100);
		wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		var created = api(HttpRequest.newBuilder(URI.create(url("/api/leads/" + LEAD)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("""
					{"schemaVersion":2,"externalId":"%s",
					 "contact":{"firstName":"Dana","lastName":"Reyes","email":"%s","title":"VP Operations","country":"US"},
					 "company":{"name":"Northwind Logistics","industry":"logistics","employees":1200,"salesRegion":"NA"},
					 "consent":{"status":"IMPLIED","basis":"webinar-registration","source":"webinar","grantedAt":"2026-10-01"}}
					""".formatted(LEAD, EMAIL))), "demo-acme-marketer");
		assertThat(created.statusCode()).as(created.body()).isBetween(200, 299);
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aReleasedDraftArrivesInTheOutboxAndItsUnsubscribeLinkSuppressesTheRecipient() throws Exception {
		// the rep: sidebar, generate, send to review
		browser.get(url("/sidebar?lead=" + LEAD));
		signIn("acme.rep");
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=generate]"))).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=cited-sentence]")));
		var draftId = browser.findElement(By.cssSelector("article.draft[data-draft-id]")).getAttribute("data-draft-id");
		var subject = browser.findElement(By.cssSelector("[data-testid=draft-subject]")).getText();
		browser.findElement(By.cssSelector("[data-testid=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=submitted]")));

		// the reviewer: the queue, claim, approve, release
		browser.manage().deleteAllCookies();
		browser.get(url("/review"));
		signIn("acme.reviewer");
		var row = By.cssSelector("[data-testid=queue-row][data-draft-id='" + draftId + "']");
		wait.until(ExpectedConditions.visibilityOfElementLocated(row));
		wait.until(driver -> {
			driver.findElement(row).findElement(By.cssSelector("[data-testid=queue-open]")).click();
			return true;
		});
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=claim]"))).click();
		waitForState("IN_REVIEW");
		// a comment, in case the guardrails left a finding to approve as written
		browser.findElement(By.cssSelector("[data-testid=approve-comment]")).sendKeys("Reads well; release it.");
		browser.findElement(By.cssSelector("[data-testid=approve]")).click();
		waitForState("APPROVED");
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=release]"))).click();
		waitForState("RELEASED");
		screenshot("outbox-released.png");

		// the outbox, through the release's own link to it
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=delivery-outbox]"))).click();
		var mail = By.cssSelector("[data-testid=outbox-message][data-draft-id='" + draftId + "']");
		wait.until(ExpectedConditions.visibilityOfElementLocated(mail));
		assertThat(browser.getCurrentUrl()).contains("/outbox");
		assertThat(browser.findElement(By.cssSelector("nav.nav")).getText()).contains("Outbox");
		var shown = browser.findElement(mail);
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-to]")).getText()).isEqualTo(EMAIL);
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-from]")).getText())
			.isEqualTo("Acme Corp <outreach@acme-ops.example>");
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-subject]")).getText()).isEqualTo(subject);
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-body]")).getText()).startsWith("Hi Dana,");
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-footer]")).getText())
			.contains("500 Harbor Boulevard, Suite 400, Oakland, CA 94607", "Unsubscribe with one click: https://");
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-list-unsubscribe]")).getText())
			.startsWith("<https://acme-ops.example/unsubscribe?token=");
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-list-unsubscribe-post]")).getText())
			.isEqualTo("List-Unsubscribe=One-Click");
		assertThat(shown.findElement(By.cssSelector("[data-testid=mail-eml]")).getAttribute("href")).endsWith(".eml");
		screenshot("outbox.png");

		// the recipient's click: the confirmation page, then one-click unsubscribe
		assertThat(suppressions.isSuppressed(acme, EMAIL)).isFalse();
		shown.findElement(By.cssSelector("[data-testid=mail-unsubscribe]")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=unsubscribe]"))).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=unsubscribed]")));
		assertThat(suppressions.isSuppressed(acme, EMAIL)).isTrue();
		var listed = api(HttpRequest.newBuilder(URI.create(url("/api/suppressions?size=1000"))).GET(),
				"demo-acme-marketer");
		assertThat(JsonPath.<List<String>>read(listed.body(),
				"$.items[?(@.emailHash == '" + sha256(EMAIL) + "')].reason")).containsExactly("unsubscribed");
	}

	private void signIn(String username) {
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys(username);
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(driver -> !driver.getCurrentUrl().contains("/login"));
	}

	private void waitForState(String state) {
		wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=state]"), state));
	}

	private HttpResponse<String> api(HttpRequest.Builder request, String key) throws IOException, InterruptedException {
		return http.send(request.header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void screenshot(String name) throws IOException {
		HeadlessChromium.screenshot(browser, name);
	}

	private static String sha256(String email) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8)));
	}
}
