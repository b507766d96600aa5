@NullMarked
package com.groundwork.drafting.internal;

import org.jspecify.annotations.NullMarked;
