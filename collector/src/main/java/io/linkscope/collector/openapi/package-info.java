/**
 * The OpenAPI 3.1 description of the API ({@code /api/v1/openapi.json}), assembled from one JSON
 * fragment per feature in the resources, and the reference page that shows it ({@code /api/docs},
 * Swagger UI from its webjar, served by the collector itself).
 */
@NullMarked
package io.linkscope.collector.openapi;

import org.jspecify.annotations.NullMarked;
