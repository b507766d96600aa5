package com.groundwork.search.internal;

import com.groundwork.search.Passage.Ranking;
import java.util.Optional;

/** A chunk after fusion: its fused score and how each search ranked it (empty when that search missed it). */
record FusedHit(int doc, double score, Optional<Ranking> lexical, Optional<Ranking> vector) {
}
