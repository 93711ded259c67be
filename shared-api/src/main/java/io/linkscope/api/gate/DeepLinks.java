package io.linkscope.api.gate;

import org.jspecify.annotations.Nullable;

/**
 * A link's app destinations: iPhone and iPad visitors go to {@code ios}, Android visitors to {@code
 * android}, everyone else (desktops) to the link's web target. Either may be absent.
 */
public record DeepLinks(@Nullable AppTarget ios, @Nullable AppTarget android) {}
