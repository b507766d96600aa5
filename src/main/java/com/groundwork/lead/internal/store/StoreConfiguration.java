package com.groundwork.lead.internal.store;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	FieldCipher fieldCipher(EncryptionSettings settings) {
		if (settings.activeKey().startsWith("demo")) {
			LoggerFactory.getLogger(FieldCipher.class).warn("Lead fields are encrypted with the demo key '{}': configure "
					+ "groundwork.lead.encryption.keys and active-key with a key of your own", settings.activeKey());
		}
		return new FieldCipher(settings.keys(), settings.activeKey());
	}
}
