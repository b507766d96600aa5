/**
 * Review: the human-in-the-loop queue with leases, decisions, edits and diffs, and release. Publishes DraftApproved, DraftRejected and DraftReleased.
 */
@NullMarked
@ApplicationModule
package com.groundwork.review;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
