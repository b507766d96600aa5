package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embeddings;

/**
 * The production embedding model (bge-small, in process) for other modules' tests that need real vectors without an
 * application context: one instance per test JVM (loading it takes a few seconds).
 */
public final class TestEmbeddings {

	private static Embeddings bge;

	private TestEmbeddings() {
	}

	public static synchronized Embeddings bge() {
		if (bge == null) {
			bge = new OnnxEmbeddings();
		}
		return bge;
	}
}
