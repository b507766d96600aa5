/**
 * Guardrails: policies loaded from guardrails/, deterministic and model-based checks, verdicts and repair. Publishes DraftChecked.
 */
@NullMarked
@ApplicationModule
package com.groundwork.guardrail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
