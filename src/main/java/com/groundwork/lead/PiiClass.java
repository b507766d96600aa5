package com.groundwork.lead;

/** How personal a feature's value is; decides masking and whether a model may see it. */
public enum PiiClass {
	/** Not about a person (industry, company size). */
	NONE,
	/** Identifies or describes a person (name, address, title). */
	PERSONAL,
	/** Free text or special categories that may hold anything (CRM notes): never shown to a model. */
	SENSITIVE
}
