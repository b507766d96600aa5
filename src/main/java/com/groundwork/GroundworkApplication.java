package com.groundwork;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

/**
 * Groundwork: grounded, compliant, reviewed outreach drafts. Each top-level package below is a Spring Modulith
 * application module; see {@code ModularityTests} and the generated module documentation.
 */
@Modulithic(systemName = "Groundwork")
@SpringBootApplication
@ConfigurationPropertiesScan
public class GroundworkApplication {

	/** One clock for the whole service, so tests can fix time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(GroundworkApplication.class, args);
	}
}
