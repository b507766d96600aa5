package com.groundwork.campaign.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent progress of one campaign: a {@code progress} event (the campaign as {@code GET} shows it) every
 * {@code progress-interval} from a virtual thread, then {@code completed} once it finished. Each follower costs one
 * sleeping virtual thread and one query per interval.
 */
class CampaignEvents {

	private static final Logger log = LoggerFactory.getLogger(CampaignEvents.class);

	private static final Duration LONGEST = Duration.ofHours(2);

	private final CampaignRepository campaigns;
	private final CampaignProgress progress;
	private final CampaignSettings settings;

	CampaignEvents(CampaignRepository campaigns, CampaignProgress progress, CampaignSettings settings) {
		this.campaigns = campaigns;
		this.progress = progress;
		this.settings = settings;
	}

	SseEmitter follow(Campaign campaign) {
		var emitter = new SseEmitter(LONGEST.toMillis());
		var gone = new AtomicBoolean();
		emitter.onCompletion(() -> gone.set(true));
		emitter.onTimeout(() -> gone.set(true));
		emitter.onError(error -> gone.set(true));
		Thread.ofVirtual().name("campaign-events-" + campaign.id()).start(() -> {
			long sequence = 0;
			try {
				while (!gone.get()) {
					var current = campaigns.find(campaign.tenant(), campaign.id()).orElse(null);
					if (current == null) {
						break; // deleted (an import that failed)
					}
					var view = progress.view(current, true);
					emitter.send(SseEmitter.event().name("progress").id(Long.toString(sequence++)).data(view,
							MediaType.APPLICATION_JSON));
					if (view.finished()) {
						emitter.send(SseEmitter.event().name("completed").id(Long.toString(sequence)).data(view,
								MediaType.APPLICATION_JSON));
						break;
					}
					Thread.sleep(settings.progressInterval());
				}
				emitter.complete();
			}
			catch (IOException | IllegalStateException disconnected) {
				log.debug("Campaign {} events: the follower left ({})", campaign.id(), disconnected.toString());
			}
			catch (InterruptedException stopping) {
				emitter.complete();
			}
			catch (RuntimeException ex) {
				emitter.completeWithError(ex);
			}
		});
		return emitter;
	}
}
