package com.groundwork.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.support.ForkedApplication;
import com.groundwork.support.PgvectorServer;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A campaign of 100,000 leads uploaded as one CSV body to an instance running with a 256 MB heap: the upload is
 * streamed through the import row by row (never held whole), so the instance neither runs out of memory nor needs
 * more heap than the service itself. The instance's GC log gives the peak heap (the heap in use before each
 * collection, at its highest), overall and while the CSV streamed in. Drafting is off on that instance (workers off),
 * so the figure is the import's; the campaign is then cancelled as a whole.
 */
class CampaignLargeImportIT {

	static final int ROWS = 100_000;

	static final int BAD_EVERY = 10_000;

	static final Pattern GC = Pattern.compile("^\\[(\\d+\\.\\d+)s].* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

	@Test
	void aHundredThousandRowCsvStreamsInto256MegabytesOfHeap() throws Exception {
		var url = PgvectorServer.freshDatabase("campaign_100k");
		var gcLog = Path.of("target", "forked", "campaign-100k-gc.log").toAbsolutePath();
		Files.createDirectories(gcLog.getParent());
		Files.deleteIfExists(gcLog);
		try (var instance = ForkedApplication.start("campaign-100k", List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog),
				List.of("spring.profiles.active=postgres", "spring.datasource.url=" + url,
						"spring.datasource.username=postgres", "spring.datasource.password=",
						"groundwork.demo.enabled=true", "groundwork.knowledge.sync-on-start=false",
						"groundwork.campaign.workers=false"),
				Duration.ofMinutes(4))) {
			var jvmStart = ProcessHandle.of(instance.pid()).flatMap(p -> p.info().startInstant()).orElseThrow();
			long length;
			try (var counting = new Rows()) {
				length = counting.transferTo(java.io.OutputStream.nullOutputStream());
			}
			var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			var importStart = Instant.now();
			var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port()
					+ "/api/campaigns?name=Hundred%20thousand&angle=intro"))
				.header("X-API-Key", "demo-acme-marketer")
				.header("Content-Type", "text/csv")
				.timeout(Duration.ofMinutes(20))
				.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(Rows::new), length))
				.build(), HttpResponse.BodyHandlers.ofString());
			var importEnd = Instant.now();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			var body = response.body();
			assertThat(JsonPath.<Integer>read(body, "$.importReport.rows")).isEqualTo(ROWS);
			assertThat(JsonPath.<Integer>read(body, "$.importReport.rejected")).isEqualTo(ROWS / BAD_EVERY);
			assertThat(JsonPath.<Integer>read(body, "$.importReport.accepted")).isEqualTo(ROWS - ROWS / BAD_EVERY);
			assertThat(JsonPath.<List<Integer>>read(body, "$.importReport.errors[*].row")).hasSize(ROWS / BAD_EVERY)
				.contains(2 + BAD_EVERY / 2);
			assertThat(instance.isAlive()).isTrue();
			var id = JsonPath.<String>read(body, "$.id");

			try (var connection = DriverManager.getConnection(url, "postgres", "")) {
				try (var statement = connection.prepareStatement(
						"SELECT COUNT(*), COUNT(DISTINCT draft_id) FROM campaign_item WHERE campaign_id = ?::uuid")) {
					statement.setString(1, id);
					try (var rs = statement.executeQuery()) {
						rs.next();
						assertThat(rs.getLong(1)).isEqualTo(ROWS - ROWS / BAD_EVERY);
						assertThat(rs.getLong(2)).isEqualTo(ROWS - ROWS / BAD_EVERY);
					}
				}
			}
			var cancelled = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port()
					+ "/api/campaigns/" + id + "/cancel"))
				.header("X-API-Key", "demo-acme-marketer")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
			assertThat(JsonPath.<Integer>read(cancelled.body(), "$.counts.CANCELLED")).isEqualTo(ROWS - ROWS / BAD_EVERY);

			double fromSeconds = Duration.between(jvmStart, importStart).toMillis() / 1000.0;
			double toSeconds = Duration.between(jvmStart, importEnd).toMillis() / 1000.0;
			long peak = 0;
			long peakDuringImport = 0;
			long liveDuringImport = 0;
			int collections = 0;
			for (var line : Files.readAllLines(gcLog)) {
				var matcher = GC.matcher(line);
				if (matcher.find()) {
					long before = Long.parseLong(matcher.group(2));
					double at = Double.parseDouble(matcher.group(1));
					peak = Math.max(peak, before);
					if (at >= fromSeconds && at <= toSeconds) {
						peakDuringImport = Math.max(peakDuringImport, before);
						liveDuringImport = Math.max(liveDuringImport, Long.parseLong(matcher.group(3)));
						collections++;
					}
				}
			}
			double seconds = Duration.between(importStart, importEnd).toMillis() / 1000.0;
			System.out.printf("HEAP100K rows=%d bytes=%d importSeconds=%.1f rowsPerSecond=%.0f maxHeap=256M peakHeapMB=%d "
					+ "peakHeapDuringImportMB=%d maxHeapAfterCollectionDuringImportMB=%d collectionsDuringImport=%d%n", ROWS,
					length, seconds, ROWS / seconds, peak, peakDuringImport, liveDuringImport, collections);
			assertThat(collections).as("the import ran long enough to be seen by the collector").isPositive();
			assertThat(peakDuringImport).isLessThanOrEqualTo(256);
		}
	}

	/** The CSV, generated row by row as it is read: the test holds no more of it than the service does. */
	static final class Rows extends InputStream {

		private int row = -1;
		private byte[] current = new byte[0];
		private int position;

		@Override
		public int read() throws IOException {
			if (position >= current.length && !next()) {
				return -1;
			}
			return current[position++] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (position >= current.length && !next()) {
				return -1;
			}
			int n = Math.min(length, current.length - position);
			System.arraycopy(current, position, buffer, offset, n);
			position += n;
			return n;
		}

		private boolean next() {
			if (row >= ROWS) {
				return false;
			}
			String line;
			if (row < 0) {
				line = CampaignFixtures.CSV_HEADER;
			}
			else {
				line = CampaignFixtures.csvRow("H-" + row);
				if (row % BAD_EVERY == BAD_EVERY / 2) {
					line = line.replace("@", "-at-"); // not an address: reported, the rest go on
				}
			}
			row++;
			current = (line + "\n").getBytes(StandardCharsets.UTF_8);
			position = 0;
			return true;
		}
	}
}
