package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sidebar inside a CRM on another site, through a real server (cookie attributes are written by the servlet
 * container): the login page is framable by the CRM, and the session cookie is {@code SameSite=None; Secure} so that
 * the browser sends it inside the frame.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "groundwork.drafting.sidebar.frame-ancestors='self',https://crm.example.com")
class SidebarFramingTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aRepCanSignInInsideACrossSiteFrameAndKeepsTheSession() throws Exception {
		var page = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'")
				.endsWith("; frame-ancestors 'self' https://crm.example.com"));
		assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
		var cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("JSESSIONID=").contains("Secure").containsIgnoringCase("SameSite=None");

		var csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		var token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
		var form = "username=acme.rep&password=groundwork-demo&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		var login = http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie.substring(0, cookie.indexOf(';')))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
		var session = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(session).as("a new session after sign-in, with the same attributes")
			.startsWith("JSESSIONID=").contains("Secure").containsIgnoringCase("SameSite=None");

		var sidebar = http.send(HttpRequest.newBuilder(uri("/sidebar?lead=L-1001"))
			.header("Cookie", session.substring(0, session.indexOf(';')))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sidebar.statusCode()).isEqualTo(200);
		assertThat(sidebar.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'")
				.endsWith("; frame-ancestors 'self' https://crm.example.com"));
		assertThat(sidebar.body()).contains("Northwind Logistics");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}
