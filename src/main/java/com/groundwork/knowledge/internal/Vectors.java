package com.groundwork.knowledge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings as stored: little-endian float32 values, a portable BYTEA on H2 and PostgreSQL alike. */
final class Vectors {

	private Vectors() {
	}

	static byte[] toBytes(float[] vector) {
		var buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(vector);
		return buffer.array();
	}

	static float[] fromBytes(byte[] bytes) {
		var vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return vector;
	}
}
