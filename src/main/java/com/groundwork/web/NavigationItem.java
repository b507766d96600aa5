package com.groundwork.web;

import com.groundwork.identity.Role;
import java.util.Objects;
import java.util.Set;

/**
 * A page in the main navigation. A module that adds a page declares it as a bean; the layout shows it to actors
 * holding one of its roles, so the navigation lists only pages that exist and the user may open.
 *
 * @param label the link text
 * @param path the page's path, e.g. {@code /review}
 * @param order position from the left
 * @param roles who may see the link
 */
public record NavigationItem(String label, String path, int order, Set<Role> roles) {

	public NavigationItem {
		Objects.requireNonNull(label, "label");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("a navigation path starts with '/': " + path);
		}
		roles = Set.copyOf(roles);
	}
}
