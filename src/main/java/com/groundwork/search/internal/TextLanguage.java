package com.groundwork.search.internal;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The language of a text whose document declares none, by character n-gram profiles (Optimaize language detector).
 * Only confident answers count (the detector's own 0.9999 bar): a short or mixed text is "unknown", which the caller
 * treats as English. The profiles are loaded on first use, since documents that declare their language (all of the
 * shipped knowledge) never need them.
 */
final class TextLanguage {

	/**
	 * The languages told apart: those with an analyzer of their own, and their neighbours that would otherwise be
	 * taken for one of them (Dutch or Danish for German). All 70 built-in profiles would take seconds to load.
	 */
	private static final List<String> PROFILES = List.of("en", "de", "nl", "da", "sv", "no", "fr", "es", "it", "pt",
			"pl", "cs");

	private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

	private volatile LanguageDetector detector;

	/** The ISO 639-1 code of the text's language, when the detector is confident. */
	Optional<String> detect(String text) {
		var detected = detector().detect(texts.forText(text));
		return detected.isPresent() ? Optional.of(detected.get().getLanguage()) : Optional.empty();
	}

	private LanguageDetector detector() {
		var loaded = detector;
		if (loaded == null) {
			synchronized (this) {
				loaded = detector;
				if (loaded == null) {
					try {
						loaded = LanguageDetectorBuilder.create(NgramExtractors.standard())
							.withProfiles(new LanguageProfileReader().readBuiltIn(PROFILES.stream()
								.map(com.optimaize.langdetect.i18n.LdLocale::fromString)
								.toList()))
							.build();
					}
					catch (IOException ex) {
						throw new UncheckedIOException("Cannot load the language profiles", ex);
					}
					detector = loaded;
				}
			}
		}
		return loaded;
	}
}
