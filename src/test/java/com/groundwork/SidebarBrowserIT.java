package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	private WebDriver browser;

	@BeforeAll
	void startBrowser(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search,
			@Autowired Tenants tenants) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String why = "chromium and chromium-driver are not installed (scripts/prerequisites.sh installs them)";
			assertThat("true".equals(System.getenv("CI"))).as(why).isFalse();
			Assumptions.abort(why);
		}
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=600,1100",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
				options);
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
		var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
				browser.findElement(By.cssSelector("[data-testid=draft]")));
		screenshot("sidebar.png");

		browser.findElement(By.cssSelector("[data-testid=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=submitted]")));
	}

	private void screenshot(String name) throws IOException {
		Path dir = Path.of(System.getProperty("groundwork.test.screenshots-dir", "target/screenshots"));
		Files.createDirectories(dir);
		Path file = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}
}
