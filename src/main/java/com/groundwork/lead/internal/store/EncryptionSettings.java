package com.groundwork.lead.internal.store;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of sensitive lead fields (the contract, the address, feature snapshots) at rest.
 *
 * @param keys key id → 32 random bytes, base64; keep a retired key until rotation has re-encrypted everything
 * @param activeKey the key new values are encrypted with; rows under other keys are re-encrypted in the background
 * @param rotationInterval how often rows under another key (or none) are looked for; 0 turns the background job off
 * @param rotationBatchSize rows re-encrypted per transaction
 */
@ConfigurationProperties("groundwork.lead.encryption")
record EncryptionSettings(Map<String, String> keys, String activeKey, @DefaultValue("1h") Duration rotationInterval,
		@DefaultValue("500") int rotationBatchSize) {
}
