@NullMarked
package com.groundwork.review.internal;

import org.jspecify.annotations.NullMarked;
