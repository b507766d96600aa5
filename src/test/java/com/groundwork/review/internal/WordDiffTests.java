package com.groundwork.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.review.internal.WordDiff.Kind;
import com.groundwork.review.internal.WordDiff.Op;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class WordDiffTests {

	@Test
	void anUnchangedTextHasDistanceZeroAndOneEqualRun() {
		var diff = WordDiff.between("Hi Dana,\n\nWe cut dwell time.", "Hi Dana, We cut dwell time.");
		assertThat(diff.editDistance()).as("line breaks alone are no edit").isZero();
		assertThat(diff.changed()).isFalse();
		assertThat(diff.ops()).containsExactly(new Op(Kind.EQUAL, "Hi Dana, We cut dwell time."));
	}

	@Test
	void aSubstitutedWordIsOneEditAndShowsAsDeleteAndInsert() {
		var diff = WordDiff.between("We cut dwell time by 30% last year.", "We cut dwell time by 25% last year.");
		assertThat(diff.editDistance()).isEqualTo(1);
		assertThat(diff.ops()).containsExactly(new Op(Kind.EQUAL, "We cut dwell time by"), new Op(Kind.DELETE, "30%"),
				new Op(Kind.INSERT, "25%"), new Op(Kind.EQUAL, "last year."));
	}

	@Test
	void insertionsAndDeletionsCountWordByWord() {
		var diff = WordDiff.between("one two three four five", "one three four five six seven");
		assertThat(diff.editDistance()).isEqualTo(3); // delete two, insert six and seven
		assertThat(diff.ops()).containsExactly(new Op(Kind.EQUAL, "one"), new Op(Kind.DELETE, "two"),
				new Op(Kind.EQUAL, "three four five"), new Op(Kind.INSERT, "six seven"));
	}

	@Test
	void theOpsRebuildBothTexts() {
		var original = "Teams like yours cut detention fees. Northwind could see the same. Open to a call?";
		var edited = "Teams like yours cut detention fees by a third. Could Northwind see the same? Open to a short call?";
		var diff = WordDiff.between(original, edited);
		assertThat(String.join(" ", diff.ops().stream().filter(op -> op.op() != Kind.INSERT).map(Op::text).toList()))
			.isEqualTo(original);
		assertThat(String.join(" ", diff.ops().stream().filter(op -> op.op() != Kind.DELETE).map(Op::text).toList()))
			.isEqualTo(edited);
		assertThat(diff.editDistance()).isEqualTo(8); // fees.→fees, +by a third. Could, −could, same.→same?, +short
	}

	@Test
	void fromOrToNothing() {
		assertThat(WordDiff.between("", "two words").editDistance()).isEqualTo(2);
		assertThat(WordDiff.between("two words", " ").ops()).containsExactly(new Op(Kind.DELETE, "two words"));
	}

	@Test
	void aHugeRewriteIsOneReplacementWithItsTrueDistance() {
		var original = String.join(" ", Collections.nCopies(1500, "old"));
		var edited = String.join(" ", Collections.nCopies(1500, "new"));
		var diff = WordDiff.between(original, edited);
		assertThat(diff.ops()).extracting(Op::op).containsExactly(Kind.DELETE, Kind.INSERT);
		assertThat(diff.editDistance()).isEqualTo(1500);
	}
}
