package com.groundwork.lead.internal.contract;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The person to write to.
 *
 * @param country ISO 3166-1 alpha-2 country of the recipient (decides which consent rules apply), upper-cased
 * @param language ISO 639-1 language to write in, lower-cased
 */
public record Contact(@Size(max = 100) @Nullable String firstName,
		@Size(max = 100) @Nullable String lastName,
		@NotBlank @Email(regexp = ADDRESS, message = ADDRESS_MESSAGE) @Size(max = 254) @Nullable String email,
		@Size(max = 150) @Nullable String title,
		@NotBlank @CountryCode @Nullable String country,
		@LanguageCode @Nullable String language) {

	/** An address with a dotted domain, as the published schema's pattern says (on top of {@code @Email}'s checks). */
	static final String ADDRESS = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

	static final String ADDRESS_MESSAGE = "must be an email address such as dana@northwind.example";

	public Contact {
		firstName = Text.clean(firstName);
		lastName = Text.clean(lastName);
		email = Text.lower(email);
		title = Text.clean(title);
		country = Text.upper(country);
		language = Text.lower(language);
	}
}
