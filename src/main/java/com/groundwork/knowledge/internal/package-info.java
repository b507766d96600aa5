/**
 * Knowledge internals: Tika parsing, metadata, chunking, embedding, storage, folder sync, the API and the page.
 */
@NullMarked
package com.groundwork.knowledge.internal;

import org.jspecify.annotations.NullMarked;
