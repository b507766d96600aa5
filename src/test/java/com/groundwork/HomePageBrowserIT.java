package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person signs in with a real browser (Debian's chromium + chromedriver, headless) and sees the home page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomePageBrowserIT {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	@BeforeAll
	void startBrowser() throws IOException {
		browser = HeadlessChromium.start(1280, 900);
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
		HeadlessChromium.screenshot(browser, name);
	}
}
