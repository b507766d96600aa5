package com.groundwork.audit.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log masker: personal data out, the ids, times and numbers a log line needs left alone. */
class PiiMaskingTests {

	@Test
	void masksAddressesPhonesCardsAndIbans() {
		assertThat(PiiMasking.mask("lead dana.reyes+crm@northwind.example asked")).isEqualTo("lead [email] asked");
		assertThat(PiiMasking.mask("call +44 20 7946 0958 or (555) 123-4567 today"))
			.isEqualTo("call [phone] or [phone] today");
		assertThat(PiiMasking.mask("card 4111 1111 1111 1111, and 4111-1111-1111-1111")).isEqualTo("card [card], and [card]");
		assertThat(PiiMasking.mask("iban DE89 3704 0044 0532 0130 00 / GB82WEST12345698765432"))
			.isEqualTo("iban [iban] / [iban]");
	}

	@Test
	void leavesWhatOnlyLooksLikeIt() {
		var line = "draft 3f2b9c1e-8a4d-4f7e-9b1a-2c3d4e5f6a7b at 2026-11-27T11:27:07.123Z took 1234 ms from "
				+ "127.0.0.1:54329, seq 12345678, order 4111 1111 1111 1112, region EU";
		assertThat(PiiMasking.mask(line)).isEqualTo(line);
		assertThat(PiiMasking.mask("GET /api/leads/L-1001 -> 200")).isEqualTo("GET /api/leads/L-1001 -> 200");
	}

	@Test
	void checksDigitsLikeTheStandardsDo() {
		assertThat(PiiMasking.luhn("4539 1488 0343 6467")).isTrue();
		assertThat(PiiMasking.luhn("4539 1488 0343 6468")).isFalse();
		assertThat(PiiMasking.validIban("FR1420041010050500013M02606")).isTrue();
		assertThat(PiiMasking.validIban("FR1420041010050500013M02607")).isFalse();
	}
}
