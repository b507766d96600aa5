package com.groundwork.guardrail.internal;

/**
 * Personal data found in a text, at {@code [start, end)} of the text as given.
 *
 * @param type Presidio's entity names: {@code EMAIL_ADDRESS}, {@code PHONE_NUMBER}, {@code CREDIT_CARD},
 * {@code IBAN_CODE}, {@code US_SSN}, {@code IP_ADDRESS}, {@code PERSON}, {@code STREET_ADDRESS}, …
 * @param score confidence in [0, 1]
 */
record PiiEntity(String type, int start, int end, String value, double score) {
}
