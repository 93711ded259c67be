package io.linkscope.api.bulk;

import com.google.gson.JsonObject;

/**
 * One link's change in a bulk update: a JSON merge patch as {@code PATCH /api/v1/links/{id}} takes
 * it (present fields change, JSON null clears an optional field).
 */
public record BulkPatch(long id, JsonObject patch) {}
