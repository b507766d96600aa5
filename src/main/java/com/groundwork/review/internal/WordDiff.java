package com.groundwork.review.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The word-level difference between the AI draft and the text a reviewer approved: the diff (longest common
 * subsequence of words, runs of one kind merged) and the edit distance (Levenshtein over words: insertions,
 * deletions and substitutions of whole words). Words are runs of non-whitespace, so punctuation stays with its word
 * and a change of line breaks alone is no edit.
 */
record WordDiff(List<Op> ops, int editDistance) {

	/** Middles larger than this (words × words) are diffed as one replacement, to bound time and memory. */
	private static final long MAX_CELLS = 1_000_000;

	WordDiff {
		ops = List.copyOf(ops);
	}

	enum Kind {
		EQUAL, INSERT, DELETE
	}

	/** A run of words: kept, inserted by the reviewer, or deleted by the reviewer. */
	record Op(Kind op, String text) {
		Op {
			Objects.requireNonNull(op, "op");
			Objects.requireNonNull(text, "text");
		}
	}

	boolean changed() {
		return editDistance > 0;
	}

	static WordDiff between(String original, String edited) {
		var a = words(original);
		var b = words(edited);
		int prefix = 0;
		while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < a.length - prefix && suffix < b.length - prefix
				&& a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
			suffix++;
		}
		var midA = Arrays.copyOfRange(a, prefix, a.length - suffix);
		var midB = Arrays.copyOfRange(b, prefix, b.length - suffix);
		var ops = new Ops();
		ops.add(Kind.EQUAL, Arrays.copyOfRange(a, 0, prefix));
		if ((long) midA.length * midB.length > MAX_CELLS) {
			ops.add(Kind.DELETE, midA);
			ops.add(Kind.INSERT, midB);
		}
		else {
			lcs(midA, midB, ops);
		}
		ops.add(Kind.EQUAL, Arrays.copyOfRange(a, a.length - suffix, a.length));
		return new WordDiff(ops.list, levenshtein(midA, midB));
	}

	static String[] words(String text) {
		var stripped = text.strip();
		return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
	}

	private static void lcs(String[] a, String[] b, Ops ops) {
		int n = a.length;
		int m = b.length;
		// lengths[i][j]: LCS length of a[i..] and b[j..]
		var lengths = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				lengths[i][j] = a[i].equals(b[j]) ? lengths[i + 1][j + 1] + 1
						: Math.max(lengths[i + 1][j], lengths[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < n && j < m) {
			if (a[i].equals(b[j])) {
				ops.add(Kind.EQUAL, a[i++]);
				j++;
			}
			else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
				ops.add(Kind.DELETE, a[i++]);
			}
			else {
				ops.add(Kind.INSERT, b[j++]);
			}
		}
		ops.add(Kind.DELETE, Arrays.copyOfRange(a, i, n));
		ops.add(Kind.INSERT, Arrays.copyOfRange(b, j, m));
	}

	private static int levenshtein(String[] a, String[] b) {
		var previous = new int[b.length + 1];
		var current = new int[b.length + 1];
		for (int j = 0; j <= b.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length; i++) {
			current[0] = i;
			for (int j = 1; j <= b.length; j++) {
				int substitution = previous[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			var swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length];
	}

	/** Collects words into runs, merging neighbours of the same kind. */
	private static final class Ops {
		private final List<Op> list = new ArrayList<>();

		void add(Kind kind, String... words) {
			for (var word : words) {
				if (!list.isEmpty() && list.getLast().op() == kind) {
					list.set(list.size() - 1, new Op(kind, list.getLast().text() + " " + word));
				}
				else {
					list.add(new Op(kind, word));
				}
			}
		}
	}
}
