package com.groundwork.web.internal;

import com.groundwork.identity.Actor;
import com.groundwork.identity.CurrentActor;
import com.groundwork.web.NavigationItem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: the actor, and the navigation links this actor may follow. */
@ControllerAdvice(annotations = Controller.class)
class PageModelAdvice {

	private final CurrentActor currentActor;
	private final List<NavigationItem> navigation;

	PageModelAdvice(CurrentActor currentActor, List<NavigationItem> navigation) {
		this.currentActor = currentActor;
		this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	@ModelAttribute("actor")
	@Nullable
	Actor actor() {
		return currentActor.find().orElse(null);
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@ModelAttribute("navigation")
	List<NavigationItem> navigation() {
		return currentActor.find()
			.map(actor -> navigation.stream().filter(item -> actor.hasAnyRole(item.roles())).toList())
			.orElse(List.of());
	}
}
