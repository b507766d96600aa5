package com.groundwork.lead;

/** The kind of value a feature holds; every value travels as its canonical text. */
public enum FeatureType {
	/** One of a small set of labels, e.g. {@code logistics}. */
	CATEGORY,
	/** Free text. */
	TEXT,
	/** A whole number in decimal. */
	NUMBER,
	/** An ISO-8601 date. */
	DATE,
	/** {@code true} or {@code false}. */
	BOOLEAN,
	/** Labels joined by commas, sorted, e.g. {@code pricing,security-review}. */
	LIST
}
