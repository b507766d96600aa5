package com.groundwork.identity;

/**
 * What a person or machine may do inside its tenant. Handlers declare the roles they admit with
 * {@code @RolesAllowed(Role.Names.X)}; a handler that declares none is refused to everybody.
 */
public enum Role {
	REP, MARKETER, REVIEWER, ADMIN, AUDITOR;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** Compile-time names for annotations such as {@code @RolesAllowed}. */
	public static final class Names {
		public static final String REP = "REP";
		public static final String MARKETER = "MARKETER";
		public static final String REVIEWER = "REVIEWER";
		public static final String ADMIN = "ADMIN";
		public static final String AUDITOR = "AUDITOR";

		private Names() {
		}
	}
}
