package com.groundwork.lead.internal.contract;

/** Annual revenue in US dollars (contract version 2). */
public enum RevenueBand {
	UNDER_10M, FROM_10M_TO_100M, FROM_100M_TO_1B, OVER_1B
}
