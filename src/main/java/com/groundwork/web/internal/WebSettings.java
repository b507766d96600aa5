package com.groundwork.web.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web settings.
 *
 * @param maxRequestSize the largest request body accepted; larger ones are answered 413 before they are read
 * @param publicUrl the address people reach the service at, announced at start-up (defaults to localhost and the port)
 */
@ConfigurationProperties("groundwork.web")
record WebSettings(@DefaultValue("50MB") DataSize maxRequestSize, @DefaultValue("") String publicUrl) {
}
