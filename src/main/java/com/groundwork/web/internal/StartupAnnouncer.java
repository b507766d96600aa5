package com.groundwork.web.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the service where to open it and how to sign in. */
@Component
class StartupAnnouncer {

	private static final Logger log = LoggerFactory.getLogger(StartupAnnouncer.class);

	private final Environment environment;
	private final WebSettings settings;

	StartupAnnouncer(Environment environment, WebSettings settings) {
		this.environment = environment;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		var port = environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		var url = settings.publicUrl().isBlank() ? "http://localhost:" + port + "/" : settings.publicUrl();
		var message = new StringBuilder("\n\n  Groundwork is up: ").append(url).append('\n');
		if (environment.getProperty("groundwork.demo.enabled", Boolean.class, false)) {
			var password = environment.getProperty("groundwork.demo.password", "groundwork-demo");
			message.append("  Sign in as acme.rep, acme.reviewer, acme.marketer, acme.admin or acme.auditor (also globex.*),")
				.append(" password ").append(password).append('\n')
				.append("  API: curl -H 'X-API-Key: demo-acme-rep' ").append(url).append("api/me   (docs: ")
				.append(url).append("swagger-ui.html)\n");
		}
		log.info(message.toString());
	}
}
