package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * bge-small-en-v1.5 (quantized ONNX, shipped inside its jar) running in process, exposed both as the module's
 * {@link Embeddings} and as a Spring AI {@link EmbeddingModel}. Nothing is downloaded at run time.
 */
@Component
class OnnxEmbeddings implements Embeddings, EmbeddingModel, AutoCloseable {

	/** Names the model in embedding keys: a different model must not reuse this one's stored vectors. */
	static final String MODEL = "bge-small-en-v1.5-q";

	/** bge v1.5 retrieves best when queries (not passages) carry this instruction. */
	static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	private final OnnxEncoder encoder;

	@Autowired
	OnnxEmbeddings(EmbeddingSettings settings) {
		this.encoder = new OnnxEncoder("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
				OnnxEncoder.Pooling.CLS, settings);
	}

	/** With the default runtime settings (tests and tools). */
	OnnxEmbeddings() {
		this(EmbeddingSettings.DEFAULTS);
	}

	@Override
	public String name() {
		return MODEL;
	}

	@Override
	public int dimensions() {
		return 384;
	}

	@Override
	public List<float[]> embedPassages(List<String> passages) {
		return passages.isEmpty() ? List.of() : encoder.encode(passages);
	}

	@Override
	public float[] embedQuery(String query) {
		return encoder.encode(List.of(QUERY_INSTRUCTION + query)).getFirst();
	}

	@Override
	public int countTokens(String text) {
		return encoder.countTokens(text);
	}

	// Spring AI view: callers of EmbeddingModel embed documents/passages (no query instruction).

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		List<float[]> vectors = embedPassages(request.getInstructions());
		List<Embedding> embeddings = new ArrayList<>(vectors.size());
		for (int i = 0; i < vectors.size(); i++) {
			embeddings.add(new Embedding(vectors.get(i), i));
		}
		return new EmbeddingResponse(embeddings);
	}

	@Override
	public float[] embed(Document document) {
		return embedPassages(List.of(document.getText())).getFirst();
	}

	@Override
	public void close() {
		encoder.close();
	}
}
