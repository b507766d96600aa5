package com.groundwork.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing a tenant's audit chain.
 *
 * @param valid every entry's hash matches its content and its predecessor, positions are contiguous, and the chain
 * ends where the tenant's head says
 * @param entries how many entries were checked
 * @param firstBrokenAt the position ({@code seq}) of the first entry that does not verify, or null
 * @param reason what is wrong there, or null
 */
public record ChainVerification(boolean valid, long entries, @Nullable Long firstBrokenAt, @Nullable String reason) {

	public static ChainVerification intact(long entries) {
		return new ChainVerification(true, entries, null, null);
	}

	public static ChainVerification brokenAt(long entries, long seq, String reason) {
		return new ChainVerification(false, entries, seq, reason);
	}
}
