package io.linkscope.collector.auth;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do inside its workspace; each role includes the ones below it. */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN;

  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
