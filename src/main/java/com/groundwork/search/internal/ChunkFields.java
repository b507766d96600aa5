package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene document of one chunk: one per chunk, keyed by chunk id and grouped by tenant and document. The metadata
 * filter fields are named as {@link com.groundwork.search.SearchFilters#NAMES}.
 */
final class ChunkFields {

	static final String CHUNK_ID = "chunk_id";

	/** Tenant and document id together, so that replacing a document can never touch another tenant's. */
	static final String DOCUMENT_KEY = "document_key";

	static final String DOCUMENT_ID = "document_id";

	static final String TENANT = "tenant";

	static final String TITLE = "title";

	static final String BODY = "body";

	static final String DOCUMENT_TITLE = "document_title";

	static final String HEADING_PATH = "heading_path";

	static final String CONTENT_HASH = "content_hash";

	static final String VECTOR = "vector";

	/** The language whose analysis the text fields went through (not the {@code language} filter: it may be detected). */
	static final String ANALYSIS = "analysis";

	/** The stored fields a result needs; the vector is never loaded. */
	static final Set<String> STORED = Set.of(CHUNK_ID, DOCUMENT_ID, DOCUMENT_TITLE, HEADING_PATH, BODY, CONTENT_HASH,
			"type", "product", "industry", "region", "language", "visibility");

	/** Body: stored for snippets, offsets in the postings so the highlighter need not re-analyze the text. */
	private static final FieldType BODY_TYPE = new FieldType(TextField.TYPE_STORED);

	static {
		BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		BODY_TYPE.freeze();
	}

	/**
	 * Vectors are unit length, so the dot product is the cosine and cheaper; Lucene scores it as (1 + cos) / 2.
	 */
	static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

	private ChunkFields() {
	}

	static Term documentKey(TenantId tenant, UUID documentId) {
		return new Term(DOCUMENT_KEY, tenant.value() + "/" + documentId);
	}

	static Document toDocument(KnowledgeChunk chunk, boolean withVector, LanguageAnalyzers analyzers) {
		var language = analyzers.languageOf(chunk);
		var analyzer = analyzers.forIndexing(language);
		var doc = new Document();
		doc.add(new StringField(CHUNK_ID, chunk.chunkId().toString(), Field.Store.YES));
		doc.add(new StringField(DOCUMENT_KEY, documentKey(chunk.tenant(), chunk.documentId()).text(), Field.Store.NO));
		doc.add(new StoredField(DOCUMENT_ID, chunk.documentId().toString()));
		doc.add(new StringField(TENANT, chunk.tenant().value().toString(), Field.Store.NO));
		var title = orEmpty(chunk.documentTitle());
		var headingPath = orEmpty(chunk.headingPath());
		doc.add(new AnalyzedField(TITLE, headingPath.isEmpty() ? title : headingPath, TextField.TYPE_NOT_STORED, analyzer));
		doc.add(new AnalyzedField(BODY, chunk.text(), BODY_TYPE, analyzer));
		doc.add(new StringField(ANALYSIS, language, Field.Store.YES));
		doc.add(new StoredField(DOCUMENT_TITLE, title));
		doc.add(new StoredField(HEADING_PATH, headingPath));
		doc.add(new StoredField(CONTENT_HASH, orEmpty(chunk.contentHash())));
		PassageMetadata metadata = chunk.metadata();
		doc.add(new StringField("type", metadata.type(), Field.Store.YES));
		doc.add(new StringField("product", metadata.product(), Field.Store.YES));
		doc.add(new StringField("industry", metadata.industry(), Field.Store.YES));
		doc.add(new StringField("region", metadata.region(), Field.Store.YES));
		doc.add(new StringField("language", metadata.language(), Field.Store.YES));
		doc.add(new StringField("visibility", metadata.visibility(), Field.Store.YES));
		if (withVector) {
			doc.add(new KnnFloatVectorField(VECTOR, unit(chunk.embedding()), SIMILARITY));
		}
		return doc;
	}

	/** A unit-length copy: DOT_PRODUCT needs it, and a model's rounding should not make indexing fail. */
	static float[] unit(float[] vector) {
		double norm = 0;
		for (float v : vector) {
			norm += v * v;
		}
		norm = Math.sqrt(norm);
		var copy = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			copy[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
		}
		return copy;
	}

	/** The cosine similarity back from Lucene's DOT_PRODUCT score. */
	static float cosine(float luceneScore) {
		return 2 * luceneScore - 1;
	}

	/**
	 * A text field analyzed in its chunk's language rather than by the writer's analyzer. One set of fields for all
	 * languages, each document tokenized its own way, instead of a field per language: BM25 statistics stay those of
	 * the whole index, a query needs no field per language (a German query's terms simply match German chunks' terms),
	 * filters, snippets and the heading boost are unchanged, and a language added later adds no fields. The analyzer
	 * runs when the writer inverts the field, one field at a time, so its reused token stream is never shared.
	 */
	private static final class AnalyzedField extends Field {

		private final Analyzer analyzer;

		AnalyzedField(String name, String value, FieldType type, Analyzer analyzer) {
			super(name, value, type);
			this.analyzer = analyzer;
		}

		@Override
		public TokenStream tokenStream(Analyzer writerAnalyzer, TokenStream reuse) {
			return super.tokenStream(analyzer, reuse);
		}
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}
}
