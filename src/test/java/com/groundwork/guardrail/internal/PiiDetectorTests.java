package com.groundwork.guardrail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PII detector, type by type: what it must find (with its exact span) and the look-alikes it must leave. */
class PiiDetectorTests {

	private final PatternPiiDetector detector = new PatternPiiDetector();

	private List<String> found(String text, String type) {
		return detector.detect(text).stream().filter(entity -> entity.type().equals(type)).map(PiiEntity::value).toList();
	}

	@Test
	void emailAddressesWithoutTheSentencePunctuation() {
		assertThat(found("You said your email is UshurmaDratchev@rhyta.com. Is that correct?", "EMAIL_ADDRESS"))
			.containsExactly("UshurmaDratchev@rhyta.com");
		assertThat(found("cc: first.last+tag@mail.example.co.uk, then", "EMAIL_ADDRESS"))
			.containsExactly("first.last+tag@mail.example.co.uk");
		assertThat(found("E-mail:\nleonemazzi@rhyta.com\n\nwebsite:", "EMAIL_ADDRESS")).containsExactly("leonemazzi@rhyta.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ping @acme on slack", "a@b", "user@localhost", "version 1.2@beta", "@@example.com" })
	void notEmailAddresses(String text) {
		assertThat(found(text, "EMAIL_ADDRESS")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "905-674-3793", "+1-984-182-0190", "+46 (0)8 928 571 38", "(579)888-3058", "345-899-3560x4587",
			"+447700 921 916", "001-518-640-0854", "0490 75 40 81", "03.93.92.16.85", "(08) 8747 6301", "+41 (0)96 471 07 95",
			"60-56-85-91", "0688 872 49 99", "(37) 788-063" })
	void phoneNumbersInInternationalAndNationalFormats(String number) {
		assertThat(found("Please call me at " + number + " tomorrow.", "PHONE_NUMBER")).containsExactly(number);
	}

	@Test
	void shortPhoneNumbersNeedAPhoneWordNearby() {
		assertThat(found("Phone:\n467 3395\n\nE-mail:", "PHONE_NUMBER")).containsExactly("467 3395");
		assertThat(found("Can someone call me on 9472 7916? I have some questions", "PHONE_NUMBER")).containsExactly("9472 7916");
		assertThat(found("21 253 109 8211-Office\\,+447700 208 815-Fax", "PHONE_NUMBER")).containsExactly("21 253 109 8211",
				"+447700 208 815");
		assertThat(found("We shipped 467 3395 units.", "PHONE_NUMBER")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Invoice 2024-05-17 is due", "Released on 17.05.2024", "Revenue grew to 1,250,000 last year",
			"The zip code is 94107-1234", "Order 12345 shipped", "It costs $2,099.00 in total", "PSC 3294, Box 9168",
			"between 1998 and 2004", "at 10:30:00 sharp", "ISBN 978 3 16 148410 0 is in print", "grew 1 200 000 visits" })
	void notPhoneNumbers(String text) {
		assertThat(found(text, "PHONE_NUMBER")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4454794511390933", "4131034282458809939", "347415977307943", "180016070420458",
			"630427373398", "30288610434735", "2623322164608847", "6011550896033147", "4111 1111 1111 1111",
			"4111-1111-1111-1111", "3782 822463 10005" })
	void cardNumbersWithValidIssuerAndLuhn(String number) {
		assertThat(found("My card " + number + " was lost", "CREDIT_CARD")).containsExactly(number);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4454794511390934", "1234567890123456", "0000000000000000", "9454794511390933",
			"4111 11 1111 111111" })
	void notCardNumbers(String number) {
		assertThat(found("My card " + number + " was lost", "CREDIT_CARD")).isEmpty();
	}

	@Test
	void ibansByCountryLengthAndMod97() {
		assertThat(found("My IBAN is GB82 WEST 1234 5698 7654 32 to pay", "IBAN_CODE")).containsExactly("GB82 WEST 1234 5698 7654 32");
		assertThat(found("my iban is gb42nawi04454264788619", "IBAN_CODE")).containsExactly("gb42nawi04454264788619");
		assertThat(found("DE89370400440532013000.", "IBAN_CODE")).containsExactly("DE89370400440532013000");
		// one digit off, wrong length, unknown country
		assertThat(found("GB82 WEST 1234 5698 7654 33", "IBAN_CODE")).isEmpty();
		assertThat(found("DE8937040044053201300", "IBAN_CODE")).isEmpty();
		assertThat(found("ZZ89370400440532013000", "IBAN_CODE")).isEmpty();
	}

	@Test
	void socialSecurityNumbersFollowTheSsaRules() {
		assertThat(found("Here's my SSN: 460-89-9847", "US_SSN")).containsExactly("460-89-9847");
		assertThat(found("His social security number is 054 28 6917", "US_SSN")).containsExactly("054 28 6917");
		assertThat(found("SSN 123456780", "US_SSN")).containsExactly("123456780");
		// area 000, 666, 9xx; group 00; serial 0000; advertised numbers; no context for bare digits
		assertThat(found("000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000 078-05-1120", "US_SSN")).isEmpty();
		assertThat(found("Order 123456780 shipped", "US_SSN")).isEmpty();
	}

	@Test
	void ipAddressesVersionFourAndSix() {
		assertThat(found("keep getting address 179.177.214.91 blocked", "IP_ADDRESS")).containsExactly("179.177.214.91");
		assertThat(found("WHERE client_ip = ?%//!%20\\|106.31.73.20|%20/", "IP_ADDRESS")).containsExactly("106.31.73.20");
		assertThat(found("from 2001:db8:85a3::8a2e:370:7334 and fe80::1", "IP_ADDRESS"))
			.containsExactly("2001:db8:85a3::8a2e:370:7334", "fe80::1");
		assertThat(found("mapped ::ffff:192.0.2.128 here", "IP_ADDRESS")).containsExactly("::ffff:192.0.2.128");
		assertThat(found("2001:0db8:0000:0000:0000:ff00:0042:8329", "IP_ADDRESS")).hasSize(1);
		// versions, out-of-range octets, times, C++ scopes
		assertThat(found("upgrade to version 1.2.3.4 now, 256.1.1.1, at 12:30:45, std::vector", "IP_ADDRESS")).isEmpty();
	}

	@Test
	void overlapsGoToTheMoreCertainEntity() {
		var entities = detector.detect("Card 4111 1111 1111 1111, SSN 460-89-9847, mail a@example.org");
		assertThat(entities).extracting(PiiEntity::type).containsExactly("CREDIT_CARD", "US_SSN", "EMAIL_ADDRESS");
		assertThat(entities).allSatisfy(entity -> assertThat(entity.value())
			.isEqualTo("Card 4111 1111 1111 1111, SSN 460-89-9847, mail a@example.org".substring(entity.start(), entity.end())));
	}

	@Test
	void neverThrowsAndStaysQuickOnHostileInput() {
		var hostile = "1".repeat(50_000) + "@" + "a.".repeat(20_000) + "+" + "1 ".repeat(20_000) + "(".repeat(10_000);
		assertThat(detector.detect(hostile)).isNotNull();
		assertThat(detector.detect("")).isEmpty();
		assertThat(detector.detect(null)).isEmpty();
	}
}
