package com.groundwork.identity.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo tenants seeded at first start.
 *
 * @param enabled seed them (on in the embedded default, off in the {@code postgres} profile)
 * @param password the password of every demo user
 * @param tenants the tenants' slugs; each gets one user per role and the keys {@code demo-<slug>-<role>}
 */
@ConfigurationProperties("groundwork.demo")
record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("groundwork-demo") String password,
		@DefaultValue({ "acme", "globex" }) List<String> tenants) {
}
