package com.groundwork.lead.internal.contract;

/** Lifecycle stage in the CRM. */
public enum Stage {
	SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, CLOSED_LOST
}
