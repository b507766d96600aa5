package com.groundwork.review.internal;

import com.groundwork.guardrail.DraftChecked;
import com.groundwork.review.DraftRejected;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Events and timers that drive the queue without a reviewer: checks, reworks, lease expiry, deliveries. */
@Component
class ReviewListeners {

	private final ReviewIntake intake;
	private final ReviewService reviews;
	private final DeliveryDispatcher dispatcher;

	ReviewListeners(ReviewIntake intake, ReviewService reviews, DeliveryDispatcher dispatcher) {
		this.intake = intake;
		this.reviews = reviews;
		this.dispatcher = dispatcher;
	}

	/** Every checked draft that is not blocked enters the queue (blocked ones are kept as BLOCKED). */
	@ApplicationModuleListener
	void on(DraftChecked event) {
		intake.checked(event);
	}

	/**
	 * Rework runs its steps in transactions of its own (a failed generation must not undo the move to REWORK), so it
	 * listens after the rejection commits without one.
	 */
	@Async
	@TransactionalEventListener
	void on(DraftRejected event) {
		intake.rework(event);
	}

	@Scheduled(fixedDelayString = "${groundwork.review.sweep-interval:15s}",
			initialDelayString = "${groundwork.review.sweep-interval:15s}")
	void expireLeases() {
		reviews.expireAllLeases();
	}

	@Scheduled(fixedDelayString = "${groundwork.review.delivery.poll-interval:5s}",
			initialDelayString = "${groundwork.review.delivery.poll-interval:5s}")
	void sendDueDeliveries() {
		dispatcher.sendDue();
	}
}
