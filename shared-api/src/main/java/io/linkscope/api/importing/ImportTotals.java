package io.linkscope.api.importing;

/** How many rows of an import ended (or would end) in each status of {@link ImportRow}. */
public record ImportTotals(
    int rows, int created, int updated, int renamed, int unchanged, int conflicts, int invalid) {}
