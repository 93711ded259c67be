package io.linkscope.desktop.ui;

/** One value of a breakdown (a country code, a browser, a link id...) with its counts. */
public record Slice(String value, Counts counts) {}
