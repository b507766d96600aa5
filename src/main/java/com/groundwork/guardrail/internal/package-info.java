@NullMarked
package com.groundwork.guardrail.internal;

import org.jspecify.annotations.NullMarked;
