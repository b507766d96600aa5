package com.groundwork.search.internal;

import com.groundwork.search.Passage;
import com.groundwork.search.SearchQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.jspecify.annotations.Nullable;

/**
 * Results of recent searches on the current view of the index. A campaign asks the same few queries (its angle's
 * template filled with a handful of industries and titles) for thousands of leads; the answer only changes when the
 * index does. Entries belong to one reader: the first search on a refreshed reader drops them all, so a result is never
 * older than the searcher that would otherwise have computed it.
 */
class RecentResults {

	private final int capacity;

	private final Map<SearchQuery, List<Passage>> results;

	private @Nullable Object readerKey;

	RecentResults(int capacity) {
		this.capacity = capacity;
		this.results = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<SearchQuery, List<Passage>> eldest) {
				return size() > RecentResults.this.capacity;
			}
		};
	}

	synchronized @Nullable List<Passage> get(IndexReader reader, SearchQuery query) {
		return capacity > 0 && current(reader) ? results.get(query) : null;
	}

	/** Remembers the passages found with this reader; answers them as they will be answered again (unmodifiable). */
	synchronized List<Passage> put(IndexReader reader, SearchQuery query, List<Passage> passages) {
		var kept = List.copyOf(passages);
		if (capacity > 0) {
			current(reader);
			results.put(query, kept);
		}
		return kept;
	}

	/** Whether the entries belong to this reader; if not, they are dropped and the reader becomes current. */
	private boolean current(IndexReader reader) {
		var key = reader.getReaderCacheHelper() == null ? reader : reader.getReaderCacheHelper().getKey();
		if (key == readerKey) {
			return true;
		}
		results.clear();
		readerKey = key;
		return false;
	}
}
