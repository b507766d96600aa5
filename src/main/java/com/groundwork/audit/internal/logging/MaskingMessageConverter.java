package com.groundwork.audit.internal.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m}, {@code %msg}, {@code %message} with personal data masked (see {@code logback-spring.xml}). */
public class MaskingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return PiiMasking.mask(super.convert(event));
	}
}
