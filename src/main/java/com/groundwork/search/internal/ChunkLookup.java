package com.groundwork.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/** Finds the Lucene documents of chunks by id, straight from the terms dictionary (no query, no stored fields). */
final class ChunkLookup {

	private ChunkLookup() {
	}

	/** Lucene doc id by chunk id; chunks the index does not (yet) hold are absent. */
	static Map<UUID, Integer> docsOf(IndexSearcher searcher, List<UUID> chunkIds) {
		var docs = new HashMap<UUID, Integer>(chunkIds.size() * 2);
		try {
			for (var leaf : searcher.getIndexReader().leaves()) {
				var terms = leaf.reader().terms(ChunkFields.CHUNK_ID);
				if (terms == null) {
					continue;
				}
				var iterator = terms.iterator();
				var liveDocs = leaf.reader().getLiveDocs();
				PostingsEnum postings = null;
				for (var chunkId : chunkIds) {
					if (docs.containsKey(chunkId) || !iterator.seekExact(new BytesRef(chunkId.toString()))) {
						continue;
					}
					postings = iterator.postings(postings, PostingsEnum.NONE);
					for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
						if (liveDocs == null || liveDocs.get(doc)) {
							docs.put(chunkId, leaf.docBase + doc);
							break;
						}
					}
				}
			}
			return docs;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot look chunks up in the search index", ex);
		}
	}

	/** Chunk id by Lucene doc id, from the stored field. */
	static Map<Integer, UUID> chunkIdsOf(IndexSearcher searcher, int[] docs) {
		var chunkIds = new java.util.LinkedHashMap<Integer, UUID>(docs.length * 2);
		try {
			var stored = searcher.storedFields();
			for (int doc : docs) {
				var value = stored.document(doc, java.util.Set.of(ChunkFields.CHUNK_ID)).get(ChunkFields.CHUNK_ID);
				if (value != null) {
					chunkIds.put(doc, UUID.fromString(value));
				}
			}
			return chunkIds;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read chunk ids from the search index", ex);
		}
	}
}
