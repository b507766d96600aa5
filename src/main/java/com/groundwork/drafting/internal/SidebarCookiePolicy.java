package com.groundwork.drafting.internal;

import java.util.HashMap;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A sidebar framed by a CRM on another site only works if the browser sends the session cookie inside that frame,
 * which it does for {@code SameSite=None; Secure} cookies only. When the configured frame ancestors name another
 * origin, those become the session cookie's defaults (HTTPS is then required), otherwise {@code SameSite=Lax}; explicit
 * {@code server.servlet.session.cookie.*} settings still win.
 */
public class SidebarCookiePolicy implements EnvironmentPostProcessor {

	static final String FRAME_ANCESTORS = "groundwork.drafting.sidebar.frame-ancestors";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		var ancestors = Binder.get(environment).bind(FRAME_ANCESTORS, Bindable.listOf(String.class)).orElse(List.of());
		var defaults = new HashMap<String, Object>();
		if (crossSite(ancestors)) {
			defaults.put("server.servlet.session.cookie.same-site", "none");
			defaults.put("server.servlet.session.cookie.secure", "true");
		}
		else {
			defaults.put("server.servlet.session.cookie.same-site", "lax");
		}
		environment.getPropertySources().addLast(new MapPropertySource("sidebarCookiePolicy", defaults));
	}

	/** Whether any allowed ancestor is an origin other than this service ({@code 'self'}, {@code 'none'}). */
	static boolean crossSite(List<String> ancestors) {
		return ancestors.stream().anyMatch(origin -> !origin.equals("'self'") && !origin.equals("'none'"));
	}
}
