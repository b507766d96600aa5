package com.groundwork.search.internal;

/**
 * One candidate of one search: the Lucene document id (in the searcher the query runs on) and that search's score.
 * Lists of hits are best first; a hit's rank is its 1-based position.
 */
record Hit(int doc, float score) {
}
