package com.groundwork.review.internal;

import java.util.Objects;

/**
 * Who a tenant's released mail is from and where it is based: the CAN-SPAM footer (accurate sender identity and a
 * valid physical postal address).
 */
record SenderIdentity(String name, String postalAddress) {

	SenderIdentity {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(postalAddress, "postalAddress");
	}
}
