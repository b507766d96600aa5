/**
 * Web shell: layout, login, home page, navigation contributed by other modules, and RFC 9457 problem responses for every error.
 */
@NullMarked
@ApplicationModule
package com.groundwork.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
