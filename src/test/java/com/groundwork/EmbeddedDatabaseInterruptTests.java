package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded database survives a thread that reads it while interrupted (a timed-out model call or a cancelled task
 * that goes on to store its outcome). On H2's plain file system the interrupt closes the file channel, and with it the
 * database for every other connection ("The database has been closed"), which once failed a CI run.
 */
class EmbeddedDatabaseInterruptTests {

	@TempDir
	Path dataDir;

	@Test
	void anInterruptedReadNeitherFailsNorClosesTheConfiguredDatabase() throws SQLException {
		var yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yaml"));
		var configured = Objects.requireNonNull(yaml.getObject()).getProperty("spring.datasource.url");
		// a small page cache, so that the reads below go to the file
		var url = configured.replace("${groundwork.data-dir}", dataDir.toString()) + ";CACHE_SIZE=64";
		try (var connection = DriverManager.getConnection(url, "sa", "");
				var statement = connection.createStatement()) {
			statement.execute("CREATE TABLE filler (id INT PRIMARY KEY, text VARCHAR(1000))");
			statement.execute("INSERT INTO filler SELECT \"X\", REPEAT('x', 500) FROM SYSTEM_RANGE(1, 20000)");
			statement.execute("CHECKPOINT");
			long counted;
			Thread.currentThread().interrupt();
			try (var rows = statement.executeQuery("SELECT COUNT(*) FROM filler WHERE MOD(id, 7) = 3 AND LENGTH(text) = 500")) {
				rows.next();
				counted = rows.getLong(1);
			}
			finally {
				Thread.interrupted();
			}
			assertThat(counted).isEqualTo(2857);
			try (var rows = statement.executeQuery("SELECT COUNT(*) FROM filler")) {
				rows.next();
				assertThat(rows.getLong(1)).as("the database is still open").isEqualTo(20000);
			}
		}
	}
}
