/** Campaign internals: intake, work items and their leases, the workers, progress, export and the page. */
@NullMarked
package com.groundwork.campaign.internal;

import org.jspecify.annotations.NullMarked;
