package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embeddings;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.stereotype.Component;

/**
 * bge-small-en-v1.5 (quantized ONNX, shipped inside its jar) running in process, exposed both as the module's
 * {@link Embeddings} and as a Spring AI {@link EmbeddingModel}. Nothing is downloaded at run time.
 */
@Component
class OnnxEmbeddings implements Embeddings, EmbeddingModel {

	/** Names the model in embedding keys: a different model must not reuse this one's stored vectors. */
	static final String MODEL = "bge-small-en-v1.5-q";

	/** bge v1.5 retrieves best when queries (not passages) carry this instruction. */
	static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	private static final int DIMENSIONS = 384;

	private static final int BATCH_SIZE = 32;

	private final BgeSmallEnV15QuantizedEmbeddingModel model;

	private final HuggingFaceTokenCountEstimator tokenizer;

	OnnxEmbeddings() {
		// The model's own thread pool would compete with ours; embed on the calling thread.
		this.model = new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
		this.tokenizer = new HuggingFaceTokenCountEstimator(extractTokenizer());
	}

	/** The estimator reads a file; the model's own tokenizer.json ships as a resource of the model jar. */
	private static Path extractTokenizer() {
		try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader()
			.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
			if (in == null) {
				throw new IllegalStateException("bge-small-en-v1.5-q-tokenizer.json missing from the model jar");
			}
			Path file = Files.createTempFile("bge-small-en-v1.5-tokenizer", ".json");
			file.toFile().deleteOnExit();
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract the embedding tokenizer", ex);
		}
	}

	@Override
	public String name() {
		return MODEL;
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public List<float[]> embedPassages(List<String> passages) {
		List<float[]> vectors = new ArrayList<>(passages.size());
		for (int from = 0; from < passages.size(); from += BATCH_SIZE) {
			List<TextSegment> batch = passages.subList(from, Math.min(passages.size(), from + BATCH_SIZE))
				.stream()
				.map(TextSegment::from)
				.toList();
			model.embedAll(batch).content().forEach(embedding -> vectors.add(embedding.vector()));
		}
		return vectors;
	}

	@Override
	public float[] embedQuery(String query) {
		return model.embed(QUERY_INSTRUCTION + query).content().vector();
	}

	@Override
	public int countTokens(String text) {
		return tokenizer.estimateTokenCountInText(text);
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
}
