package io.linkscope.api.bio;

import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create a bio page, or (as a JSON merge patch) to change one. Absent fields
 * take defaults on create.
 *
 * @param handle the public name: the page is served at {@code /@handle}; 1-30 letters, digits, '.',
 *     '_' or '-', unique per domain and case-insensitive
 * @param domain the host the page lives on; absent or empty for the collector's default domain
 * @param avatarUrl an http(s) image URL; without one the page shows the title's initials
 * @param seoTitle the title for search engines and link previews (default: title)
 * @param seoDescription the description for search engines and link previews (default: description)
 * @param ogImageUrl the image of link previews (default: avatarUrl)
 * @param published whether the public URL answers; new pages are unpublished
 */
public record BioPageInput(
    @Nullable String handle,
    @Nullable String domain,
    @Nullable String title,
    @Nullable String description,
    @Nullable String avatarUrl,
    @Nullable BioTheme theme,
    @Nullable String seoTitle,
    @Nullable String seoDescription,
    @Nullable String ogImageUrl,
    @Nullable Boolean published) {

  /** A minimal input: handle and title, everything else defaulted. */
  public static BioPageInput of(String handle, String title) {
    return new BioPageInput(handle, null, title, null, null, null, null, null, null, null);
  }

  public BioPageInput withDescription(String newDescription) {
    return new BioPageInput(
        handle,
        domain,
        title,
        newDescription,
        avatarUrl,
        theme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        published);
  }

  public BioPageInput withTheme(BioTheme newTheme) {
    return new BioPageInput(
        handle,
        domain,
        title,
        description,
        avatarUrl,
        newTheme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        published);
  }

  public BioPageInput withAvatarUrl(String newAvatarUrl) {
    return new BioPageInput(
        handle,
        domain,
        title,
        description,
        newAvatarUrl,
        theme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        published);
  }

  public BioPageInput withDomain(String newDomain) {
    return new BioPageInput(
        handle,
        newDomain,
        title,
        description,
        avatarUrl,
        theme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        published);
  }

  /** Published straight away on create. */
  public BioPageInput asPublished() {
    return new BioPageInput(
        handle,
        domain,
        title,
        description,
        avatarUrl,
        theme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        true);
  }
}
