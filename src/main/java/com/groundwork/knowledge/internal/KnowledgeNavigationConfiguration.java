package com.groundwork.knowledge.internal;

import com.groundwork.identity.Role;
import com.groundwork.web.NavigationItem;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The knowledge page in the main navigation. */
@Configuration(proxyBeanMethods = false)
class KnowledgeNavigationConfiguration {

	@Bean
	NavigationItem knowledgeNavigation() {
		return new NavigationItem("Knowledge", "/knowledge", 20,
				EnumSet.of(Role.ADMIN, Role.MARKETER, Role.REP, Role.REVIEWER));
	}
}
