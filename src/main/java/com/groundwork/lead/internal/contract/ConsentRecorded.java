package com.groundwork.lead.internal.contract;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * Consent that permits contact (express or implied) is recorded with its source and the day it was granted, as CASL
 * requires; a withdrawal is not dated before the grant. Each violation names its own field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsentRecorded.Validator.class)
public @interface ConsentRecorded {

	String message() default "consent is incomplete";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Validator implements ConstraintValidator<ConsentRecorded, Consent> {

		@Override
		public boolean isValid(@Nullable Consent consent, ConstraintValidatorContext context) {
			if (consent == null || consent.status() == null) {
				return true;
			}
			boolean valid = true;
			context.disableDefaultConstraintViolation();
			if (consent.status().permitsContact()) {
				if (consent.grantedAt() == null) {
					valid = violation(context, "grantedAt", "is required when status is " + consent.status()
							+ ": record the day consent was given");
				}
				if (consent.source() == null) {
					valid = violation(context, "source", "is required when status is " + consent.status()
							+ ": record where consent was collected, e.g. webinar");
				}
			}
			if (consent.grantedAt() != null && consent.withdrawnAt() != null
					&& consent.withdrawnAt().isBefore(consent.grantedAt())) {
				valid = violation(context, "withdrawnAt", "must not be before grantedAt");
			}
			return valid;
		}

		private static boolean violation(ConstraintValidatorContext context, String field, String message) {
			context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
				.addPropertyNode(field)
				.addConstraintViolation();
			return false;
		}
	}
}
