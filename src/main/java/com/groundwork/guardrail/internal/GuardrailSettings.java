package com.groundwork.guardrail.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guardrail settings (documented in README.md, "Configuration").
 *
 * @param dir the policy folder: {@code policy.yaml}, {@code countries.yaml}, {@code tenants/<slug>.yaml} and
 * {@code global-suppressions.txt}, read and validated at start-up
 */
@ConfigurationProperties("groundwork.guardrails")
record GuardrailSettings(@DefaultValue("guardrails") Path dir) {
}
