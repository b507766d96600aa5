package com.groundwork.audit.internal.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Stack traces ({@code %wEx}) with personal data in exception messages masked. */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(ch.qos.logback.classic.spi.IThrowableProxy tp) {
		return PiiMasking.mask(super.throwableProxyToString(tp));
	}
}
