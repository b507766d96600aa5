package com.groundwork.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as a separate JVM process started from the test's own classpath, so that a test can run a second
 * instance beside its Spring context, give it its own heap limit, and kill it with SIGKILL ({@code kill -9}) as a
 * crash would. Its output goes to a log file under {@code target/forked/}.
 */
public final class ForkedApplication implements AutoCloseable {

	private final Process process;
	private final int port;
	private final Path log;

	private ForkedApplication(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the application and waits until it answers its health check.
	 * @param jvmOptions e.g. {@code -Xmx256m}
	 * @param properties Spring properties, {@code name=value}
	 */
	public static ForkedApplication start(String name, List<String> jvmOptions, List<String> properties,
			Duration startTimeout) {
		try {
			int port;
			try (var socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			var dir = Files.createDirectories(Path.of("target", "forked"));
			var log = dir.resolve(name + ".log");
			var java = ProcessHandle.current().info().command().orElse("java");
			var command = new ArrayList<String>();
			command.add(java);
			command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
			command.addAll(jvmOptions);
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.groundwork.GroundworkApplication"));
			command.add("--server.port=" + port);
			command.add("--server.address=127.0.0.1");
			properties.forEach(property -> command.add("--" + property));
			var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			var forked = new ForkedApplication(process, port, log);
			forked.awaitHealthy(startTimeout);
			return forked;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	public long pid() {
		return process.pid();
	}

	public Path log() {
		return log;
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL: no shutdown hook, no graceful stop, leases left as they are. */
	public void kill9() throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
		process.waitFor();
	}

	private void awaitHealthy(Duration timeout) {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The forked application exited with " + process.exitValue()
						+ " while starting; see " + log.toAbsolutePath());
			}
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("The forked application did not become healthy within " + timeout + "; see "
				+ log.toAbsolutePath());
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			process.destroy();
			try {
				if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
	}
}
