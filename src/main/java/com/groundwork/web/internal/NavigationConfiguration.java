package com.groundwork.web.internal;

import com.groundwork.identity.Role;
import com.groundwork.web.NavigationItem;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shell's own page; feature modules add theirs as {@link NavigationItem} beans. */
@Configuration(proxyBeanMethods = false)
class NavigationConfiguration {

	@Bean
	NavigationItem homeNavigation() {
		return new NavigationItem("Home", "/", 0, EnumSet.allOf(Role.class));
	}

	/** The admin pages (tenants, users, API keys, suppression list) live in the modules that own the data. */
	@Bean
	NavigationItem adminNavigation() {
		return new NavigationItem("Admin", "/admin", 90, EnumSet.of(Role.ADMIN));
	}
}
