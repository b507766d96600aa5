package com.groundwork.lead.internal.contract;

/** Sales regions. */
public enum SalesRegion {
	NA, EMEA, APAC, LATAM
}
