package io.linkscope.api.gate;

import org.jspecify.annotations.Nullable;

/**
 * Where a link sends the visitors of one mobile platform.
 *
 * @param appUrl the app's address: a universal link / app link ({@code https://...}) or a custom
 *     scheme ({@code myapp://product/42})
 * @param storeUrl where to get the app when it is not installed (App Store, Google Play); optional
 * @param androidPackage the Android package name ({@code com.example.app}), used in {@code
 *     intent://} addresses so that Android opens that app or its store page; optional, Android only
 */
public record AppTarget(
    @Nullable String appUrl, @Nullable String storeUrl, @Nullable String androidPackage) {}
