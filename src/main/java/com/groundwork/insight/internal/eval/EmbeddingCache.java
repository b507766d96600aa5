package com.groundwork.insight.internal.eval;

import com.groundwork.knowledge.Embeddings;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passage embeddings kept between evaluation runs (in the system's temporary directory, so that fresh clones on the
 * same machine share them), keyed by the model and the SHA-256 of the text.
 * The model key is a fingerprint of the model's own output for a fixed probe sentence, so another model, another
 * quantization or another query/passage convention gets another file instead of stale vectors.
 */
final class EmbeddingCache implements AutoCloseable {

	static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "groundwork-eval-cache");

	private static final String PROBE = "Groundwork embedding cache probe: the quick brown fox jumps over the lazy dog.";

	private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

	private final Path file;

	private final int dimensions;

	private DataOutputStream out;

	private EmbeddingCache(Path file, int dimensions) {
		this.file = file;
		this.dimensions = dimensions;
	}

	static EmbeddingCache open(Path directory, Embeddings embeddings) throws IOException {
		var probe = embeddings.embedPassages(java.util.List.of(PROBE)).getFirst();
		var digest = sha256Bytes(probe);
		var key = HexFormat.of().formatHex(digest).substring(0, 16);
		Files.createDirectories(directory);
		var cache = new EmbeddingCache(directory.resolve("embeddings-" + embeddings.dimensions() + "d-" + key + ".bin"),
				embeddings.dimensions());
		cache.load();
		cache.out = new DataOutputStream(new BufferedOutputStream(
				Files.newOutputStream(cache.file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
		return cache;
	}

	Path file() {
		return file;
	}

	int size() {
		return vectors.size();
	}

	float[] get(String text) {
		return vectors.get(hash(text));
	}

	synchronized void put(String text, float[] vector) {
		var key = hash(text);
		if (vectors.putIfAbsent(key, vector) == null) {
			try {
				out.write(HexFormat.of().parseHex(key));
				for (float v : vector) {
					out.writeFloat(v);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void load() throws IOException {
		if (!Files.exists(file)) {
			return;
		}
		// An interrupted run may have left half a record: cut it, or every record appended later would be misread.
		long record = 32 + 4L * dimensions;
		long whole = Files.size(file) / record * record;
		if (whole < Files.size(file)) {
			try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(whole);
			}
		}
		try (InputStream raw = Files.newInputStream(file);
				var in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
			var key = new byte[32];
			while (true) {
				try {
					in.readFully(key);
					var vector = new float[dimensions];
					for (int i = 0; i < dimensions; i++) {
						vector[i] = in.readFloat();
					}
					vectors.put(HexFormat.of().formatHex(key), vector);
				}
				catch (EOFException end) {
					return;
				}
			}
		}
	}

	static String hash(String text) {
		return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] sha256Bytes(float[] vector) {
		var buffer = java.nio.ByteBuffer.allocate(vector.length * 4);
		for (float v : vector) {
			// rounded so that harmless last-bit noise between runs does not change the key
			buffer.putFloat(Math.round(v * 1e4f) / 1e4f);
		}
		return sha256(buffer.array());
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		out.close();
	}
}
