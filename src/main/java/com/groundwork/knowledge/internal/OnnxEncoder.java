package com.groundwork.knowledge.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A BERT-family sentence encoder (a model jar's ONNX graph and tokenizer) on ONNX Runtime, with the session options
 * and batching chosen here rather than a library's defaults: each text is tokenized once, texts of similar length
 * share a model run, and the runtime's threads neither outnumber the cores nor spin while ingestion parses and stores.
 * A text longer than the model reads is embedded in windows whose vectors are averaged by their token counts.
 * Vectors are L2-normalized.
 */
final class OnnxEncoder implements AutoCloseable {

	/** How token vectors become one text vector. */
	enum Pooling {

		/** The first token's vector (bge). */
		CLS,

		/** The mean of the real tokens' vectors (e5, MiniLM). */
		MEAN
	}

	/** The most tokens a BERT-family model reads, [CLS] and [SEP] included. */
	static final int MAX_TOKENS = 512;

	/** The most tokens one model run reads of a text, [CLS] and [SEP] included: longer texts are cut in windows. */
	private final int windowTokens;

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	private final HuggingFaceTokenizer tokenizer;

	private final Pooling pooling;

	private final int batchSize;

	private final boolean typeIds;

	OnnxEncoder(String modelResource, String tokenizerResource, Pooling pooling, EmbeddingSettings settings) {
		this(modelResource, tokenizerResource, pooling, MAX_TOKENS, settings);
	}

	/**
	 * @param windowTokens the length the model was trained on (at most {@value #MAX_TOKENS}); the tokenizer's own
	 *        truncation is off, so nothing of a longer text is dropped
	 */
	OnnxEncoder(String modelResource, String tokenizerResource, Pooling pooling, int windowTokens,
			EmbeddingSettings settings) {
		if (windowTokens < 3 || windowTokens > MAX_TOKENS) {
			throw new IllegalArgumentException("windowTokens must be between 3 and " + MAX_TOKENS);
		}
		this.windowTokens = windowTokens;
		this.pooling = pooling;
		this.batchSize = settings.batchSize();
		try (var options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(settings.effectiveThreads());
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			options.addConfigEntry("session.intra_op.allow_spinning", settings.spinning() ? "1" : "0");
			this.session = environment.createSession(resource(modelResource), options);
			this.typeIds = session.getInputNames().contains("token_type_ids");
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot load the embedding model " + modelResource, ex);
		}
		try (InputStream in = resourceStream(tokenizerResource)) {
			this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load the tokenizer " + tokenizerResource, ex);
		}
	}

	/** Tokens of the text as the model reads it, without [CLS] and [SEP]. */
	int countTokens(String text) {
		return tokenizer.encode(text, false, false).getIds().length;
	}

	/** One normalized vector per text, in order. */
	List<float[]> encode(List<String> texts) {
		var windows = new ArrayList<Window>();
		for (int i = 0; i < texts.size(); i++) {
			if (texts.get(i).isBlank()) {
				throw new IllegalArgumentException("cannot embed an empty or blank text (item " + i + ")");
			}
			windows.addAll(windows(i, tokenizer.encode(texts.get(i), true, false), windowTokens));
		}
		// Similar lengths side by side: a batch pads to its longest window.
		windows.sort(Comparator.comparingInt(window -> window.ids().length));
		var sums = new float[texts.size()][];
		for (int from = 0; from < windows.size(); from += batchSize) {
			var batch = windows.subList(from, Math.min(windows.size(), from + batchSize));
			var vectors = run(batch);
			for (int b = 0; b < batch.size(); b++) {
				var window = batch.get(b);
				int weight = window.ids().length;
				if (sums[window.text()] == null) {
					sums[window.text()] = new float[vectors[b].length];
				}
				for (int d = 0; d < vectors[b].length; d++) {
					sums[window.text()][d] += vectors[b][d] * weight;
				}
			}
		}
		return IntStream.range(0, texts.size()).mapToObj(i -> normalized(sums[i])).toList();
	}

	/** A piece of a text the model reads in one go: [CLS], at most windowTokens - 2 tokens, [SEP]. */
	private record Window(int text, long[] ids) {
	}

	private static List<Window> windows(int text, Encoding encoding, int windowTokens) {
		long[] ids = encoding.getIds();
		if (ids.length <= windowTokens) {
			return List.of(new Window(text, ids));
		}
		long cls = ids[0];
		long sep = ids[ids.length - 1];
		int inner = windowTokens - 2;
		var windows = new ArrayList<Window>();
		for (int from = 1; from < ids.length - 1; from += inner) {
			int to = Math.min(ids.length - 1, from + inner);
			long[] window = new long[to - from + 2];
			window[0] = cls;
			System.arraycopy(ids, from, window, 1, to - from);
			window[window.length - 1] = sep;
			windows.add(new Window(text, window));
		}
		return windows;
	}

	/** One model run over windows padded to the longest: a pooled, unnormalized vector per window. */
	private float[][] run(List<Window> batch) {
		int rows = batch.size();
		int length = batch.stream().mapToInt(window -> window.ids().length).max().orElseThrow();
		long[] ids = new long[rows * length];
		long[] mask = new long[rows * length];
		for (int r = 0; r < rows; r++) {
			long[] windowIds = batch.get(r).ids();
			System.arraycopy(windowIds, 0, ids, r * length, windowIds.length);
			java.util.Arrays.fill(mask, r * length, r * length + windowIds.length, 1L);
		}
		long[] shape = { rows, length };
		var inputs = new HashMap<String, OnnxTensor>();
		try {
			inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
			inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
			if (typeIds) {
				inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape));
			}
			try (var result = session.run(inputs)) {
				var output = (OnnxTensor) result.get(0);
				long[] outputShape = output.getInfo().getShape();
				int dimensions = (int) outputShape[2];
				return pool(output.getFloatBuffer(), batch, length, dimensions);
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("The embedding model failed on a batch of " + rows + " passages", ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private float[][] pool(FloatBuffer hidden, List<Window> batch, int length, int dimensions) {
		var pooled = new float[batch.size()][dimensions];
		for (int r = 0; r < batch.size(); r++) {
			int base = r * length * dimensions;
			if (pooling == Pooling.CLS) {
				hidden.get(base, pooled[r], 0, dimensions);
				continue;
			}
			int tokens = batch.get(r).ids().length;
			for (int t = 0; t < tokens; t++) {
				int offset = base + t * dimensions;
				for (int d = 0; d < dimensions; d++) {
					pooled[r][d] += hidden.get(offset + d);
				}
			}
			for (int d = 0; d < dimensions; d++) {
				pooled[r][d] /= tokens;
			}
		}
		return pooled;
	}

	private static float[] normalized(float[] vector) {
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
		var result = new float[vector.length];
		for (int d = 0; d < vector.length; d++) {
			result[d] = vector[d] * scale;
		}
		return result;
	}

	private static byte[] resource(String name) {
		try (InputStream in = resourceStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
	}

	private static InputStream resourceStream(String name) {
		var in = OnnxEncoder.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is missing from the classpath (it ships in the model's jar)");
		}
		return in;
	}

	@Override
	public void close() {
		try {
			session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot close the embedding model", ex);
		}
		tokenizer.close();
	}
}
