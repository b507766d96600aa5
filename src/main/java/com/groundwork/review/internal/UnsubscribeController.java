package com.groundwork.review.internal;

import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The unsubscribe link of released mail. {@code POST} is RFC 8058's one-click unsubscribe (mail providers send
 * {@code List-Unsubscribe=One-Click} with no cookies or credentials; the signed token is the authority); {@code GET}
 * only shows a button that posts, since link scanners follow links.
 */
@Controller
@PermitAll
class UnsubscribeController {

	private final ReleaseService releases;

	UnsubscribeController(ReleaseService releases) {
		this.releases = releases;
	}

	@GetMapping("/unsubscribe")
	String confirm(@RequestParam(required = false) @Nullable String token, Model model) {
		model.addAttribute("token", token == null ? "" : token);
		return "review/unsubscribe";
	}

	@PostMapping("/unsubscribe")
	String unsubscribe(@RequestParam(required = false) @Nullable String token, Model model) {
		model.addAttribute("unsubscribed", releases.unsubscribe(token));
		return "review/unsubscribe";
	}
}
