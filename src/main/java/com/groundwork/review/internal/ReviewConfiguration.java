package com.groundwork.review.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.Role;
import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.Suppressions;
import com.groundwork.web.NavigationItem;
import java.time.Clock;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the review queue, its release channels and its timers; checks the channel settings at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReviewConfiguration {

	@Bean
	ReviewRepository reviewRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new ReviewRepository(jdbc, mapper);
	}

	@Bean
	DeliveryRepository deliveryRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new DeliveryRepository(jdbc, mapper);
	}

	@Bean
	OutboxRepository outboxRepository(JdbcClient jdbc) {
		return new OutboxRepository(jdbc);
	}

	@Bean
	ReviewLookup reviewLookup(ReviewRepository items, Drafts drafts) {
		return new ReviewLookup(items, drafts);
	}

	@Bean
	ReviewService reviewService(ReviewRepository items, ReviewLookup lookup, Guardrails guardrails,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, ReviewSettings settings,
			Clock clock) {
		return new ReviewService(items, lookup, guardrails, events, new TransactionTemplate(transactionManager),
				ownTransactions(transactionManager), settings, clock);
	}

	@Bean
	ReviewIntake reviewIntake(ReviewRepository items, Drafts drafts, Guardrails guardrails, Tenants tenants,
			PlatformTransactionManager transactionManager, ReviewSettings settings, Clock clock) {
		return new ReviewIntake(items, drafts, guardrails, tenants, ownTransactions(transactionManager), settings,
				clock);
	}

	@Bean
	DeliveryDispatcher deliveryDispatcher(DeliveryRepository deliveries, OutboxRepository outbox, JsonMapper mapper,
			ObjectProvider<JavaMailSender> mail, Guardrails guardrails, ReviewSettings settings, Clock clock) {
		var mailSender = new MailSender(mail.getIfAvailable());
		settings.channels().forEach((tenant, channels) -> {
			if (channels.mail() != null && !mailSender.available()) {
				throw new IllegalStateException("groundwork.review.channels." + tenant
						+ ".mail needs an SMTP server: set spring.mail.host (and port, username, password)");
			}
		});
		return new DeliveryDispatcher(deliveries, new WebhookSender(mapper, settings.delivery().timeout(), clock),
				mailSender, new OutboxSender(outbox, guardrails, clock), settings, clock);
	}

	@Bean
	ReleaseService releaseService(ReviewRepository items, DeliveryRepository deliveries, ReviewLookup lookup,
			Guardrails guardrails, LeadFeatures leadFeatures, Suppressions suppressions, DeliveryDispatcher dispatcher,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, ReviewSettings settings,
			Environment environment, Clock clock) {
		if (settings.unsubscribe().secret().isBlank()
				&& settings.channels().values().stream().anyMatch(channels -> !channels.names().isEmpty())) {
			throw new IllegalStateException("groundwork.review.unsubscribe.secret must be set (16+ random characters) "
					+ "before a tenant can release drafts: it signs the one-click unsubscribe links");
		}
		return new ReleaseService(items, deliveries, lookup, guardrails, leadFeatures, suppressions, dispatcher,
				new UnsubscribeTokens(settings.unsubscribe().secret()), unsubscribeBaseUrl(settings, environment), events,
				new TransactionTemplate(transactionManager), settings, clock);
	}

	/** The unsubscribe link's base: its own setting, else the public URL, else this instance on localhost. */
	static String unsubscribeBaseUrl(ReviewSettings settings, Environment environment) {
		if (!settings.unsubscribe().baseUrl().isBlank()) {
			return settings.unsubscribe().baseUrl().strip();
		}
		var publicUrl = environment.getProperty("groundwork.web.public-url", "");
		if (!publicUrl.isBlank()) {
			return publicUrl.strip();
		}
		return "http://localhost:" + environment.getProperty("server.port", "8080");
	}

	private static TransactionTemplate ownTransactions(PlatformTransactionManager transactionManager) {
		var template = new TransactionTemplate(transactionManager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template;
	}

	@Bean
	NavigationItem reviewNavigation() {
		return new NavigationItem("Review", "/review", 40, EnumSet.of(Role.REVIEWER, Role.ADMIN));
	}

	@Bean
	NavigationItem outboxNavigation() {
		return new NavigationItem("Outbox", "/outbox", 45, EnumSet.of(Role.REVIEWER, Role.ADMIN, Role.MARKETER, Role.REP));
	}

	/**
	 * The one-click unsubscribe endpoint is called by mail providers and recipients: no session, no CSRF token, no
	 * credentials. Its signed token is its authority, so it has a chain of its own that lets it through.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain unsubscribeFilterChain(HttpSecurity http) {
		return http.securityMatcher("/unsubscribe")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.build();
	}
}
