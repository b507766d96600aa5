package com.groundwork.lead.internal.features;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The content of one {@code features/*.yaml} file. */
record FeatureFile(@NotEmpty(message = "must list at least one feature") @Valid @Nullable List<FeatureDefinition> features) {
}
