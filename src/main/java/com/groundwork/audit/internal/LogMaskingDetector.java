package com.groundwork.audit.internal;

import com.groundwork.audit.internal.logging.PiiMasking;
import com.groundwork.guardrail.Guardrails;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Log lines and audit details are masked with the guardrails' personal-data detector (the same one that masks text
 * before model calls) while the application runs; before start-up and after shutdown the log patterns alone.
 */
@Component
class LogMaskingDetector implements SmartInitializingSingleton, DisposableBean {

	private final Guardrails guardrails;

	LogMaskingDetector(Guardrails guardrails) {
		this.guardrails = guardrails;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PiiMasking.useDetector(guardrails::maskForLogs);
	}

	@Override
	public void destroy() {
		PiiMasking.useDetector(null);
	}
}
