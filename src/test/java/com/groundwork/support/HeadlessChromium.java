package com.groundwork.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium + chromedriver for browser tests, headless and offline (no background networking, no sandbox
 * as root). Without them a developer's run skips the browser tests; under {@code CI=true} they fail instead.
 */
public final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	/** A fresh browser with an empty profile and a window of the given size. */
	public static ChromeDriver start(int width, int height) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String why = "chromium and chromium-driver are not installed (scripts/prerequisites.sh installs them)";
			if ("true".equals(System.getenv("CI"))) {
				fail(why);
			}
			Assumptions.abort(why);
		}
		try {
			ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-quic", "--no-first-run", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
						"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
			return new ChromeDriver(
					new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A wait that looks again when an element it read was replaced: pages re-render while they poll or navigate, so
	 * an element found just before may be gone.
	 */
	public static FluentWait<WebDriver> waitFor(ChromeDriver browser, Duration timeout) {
		return new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class);
	}

	/** Saves what the browser shows under the build's screenshots folder. */
	public static void screenshot(ChromeDriver browser, String name) throws IOException {
		Path dir = Path.of(System.getProperty("groundwork.test.screenshots-dir", "target/screenshots"));
		Files.createDirectories(dir);
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name),
				StandardCopyOption.REPLACE_EXISTING);
	}
}
