package io.linkscope.desktop.map;

import java.util.List;

/**
 * One country's outline from Natural Earth: rings of (longitude, latitude) pairs, longitudes
 * unwrapped so that a ring crossing 180° stays continuous (it may then reach past 180).
 *
 * @param alpha2 ISO 3166 alpha-2 code, or empty for areas without one (e.g. Northern Cyprus)
 */
public record CountryShape(String alpha2, String name, List<double[]> rings) {}
