/**
 * Identity: tenants, users, roles and API keys; authentication and the per-request actor whose tenant scopes every repository.
 */
@NullMarked
@ApplicationModule
package com.groundwork.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
