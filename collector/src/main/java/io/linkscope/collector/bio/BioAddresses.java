package io.linkscope.collector.bio;

import java.net.URI;

/** Where bio pages are reachable: {@code <base URL>/@handle}, or on the page's custom domain. */
public final class BioAddresses {
  private final URI baseUrl;

  public BioAddresses(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  String publicUrl(BioPage page) {
    if (page.domain().isEmpty()) {
      return baseUrl.toString().replaceAll("/+$", "") + "/@" + page.handle();
    }
    return baseUrl.getScheme() + "://" + page.domain() + "/@" + page.handle();
  }
}
