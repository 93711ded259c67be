package io.linkscope.desktop.map;

/** A city with coordinates and its click count, drawn as a dot over the choropleth. */
public record CityPoint(String name, double latitude, double longitude, long clicks) {}
