package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import java.util.List;

/** One deterministic check: adds its findings for a draft. Stateless and thread-safe; never throws on any text. */
interface Check {

	void run(CheckContext context, List<Finding> findings);
}
