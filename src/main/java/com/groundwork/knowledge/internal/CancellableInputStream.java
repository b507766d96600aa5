package com.groundwork.knowledge.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Fails the next read once the parsing thread is interrupted, so a cancelled parse stops reading. */
final class CancellableInputStream extends FilterInputStream {

	CancellableInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		check();
		return super.read();
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		check();
		return super.read(b, off, len);
	}

	@Override
	public long skip(long n) throws IOException {
		check();
		return super.skip(n);
	}

	private static void check() throws InterruptedIOException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedIOException("parse cancelled");
		}
	}
}
