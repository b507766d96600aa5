package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person signs in with a real browser (Debian's chromium + chromedriver, headless) and sees the home page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomePageBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	private WebDriver browser;

	@BeforeAll
	void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String why = "chromium and chromium-driver are not installed (scripts/prerequisites.sh installs them)";
			assertThat("true".equals(System.getenv("CI"))).as(why).isFalse();
			Assumptions.abort(why);
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900",
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
	void aRepSignsInAndSeesTenantRoleAndHealth() throws IOException {
		browser.get("http://localhost:" + port + "/");
		var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.urlContains("/login"));
		screenshot("login.png");

		browser.findElement(By.name("username")).sendKeys("acme.rep");
		browser.findElement(By.name("password")).sendKeys("groundwork-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=home-tenant]")));
		assertThat(browser.findElement(By.cssSelector("[data-testid=home-tenant]")).getText()).isEqualTo("Acme Corp");
		assertThat(browser.findElement(By.cssSelector("[data-testid=role]")).getText()).isEqualTo("REP");
		assertThat(browser.findElement(By.cssSelector("[data-testid=health]")).getText()).isEqualTo("UP");
		assertThat(browser.findElements(By.cssSelector("nav a")).stream().map(link -> link.getText()))
			.as("the rep sees no admin links").doesNotContain("Admin");
		screenshot("home.png");
	}

	@Test
	void aWrongPasswordShowsAnErrorOnTheLoginPage() {
		browser.manage().deleteAllCookies();
		browser.get("http://localhost:" + port + "/login");
		browser.findElement(By.name("username")).sendKeys("acme.rep");
		browser.findElement(By.name("password")).sendKeys("not-the-password");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("error"));
		assertThat(browser.getPageSource()).contains("do not match");
	}

	private void screenshot(String name) throws IOException {
		Path dir = Path.of(System.getProperty("groundwork.test.screenshots-dir", "target/screenshots"));
		Files.createDirectories(dir);
		Path file = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}
}
