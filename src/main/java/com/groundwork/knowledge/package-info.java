/**
 * Knowledge: sources, documents and chunks; Tika parsing, heading-aware chunking, content hashes and embeddings. Publishes DocumentIndexed and DocumentRemoved.
 */
@NullMarked
@ApplicationModule
package com.groundwork.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
