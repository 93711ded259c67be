package io.linkscope.api.bio;

import java.util.List;

/**
 * A widget of a bio page as the collector reports it; see {@link BioWidgetInput} for the fields
 * each type uses. Unused fields are empty.
 *
 * @param position 0-based place on the page
 */
public record BioWidgetView(
    long id,
    String type,
    int position,
    String title,
    String url,
    String imageUrl,
    String text,
    List<BioSocialIcon> icons) {}
