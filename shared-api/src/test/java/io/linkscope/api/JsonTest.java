package io.linkscope.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.link.LinkInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void readsARecordWithIsoInstants() {
    LinkInput input =
        Json.readStrict(
            "{\"targetUrl\":\"https://example.com\",\"validUntil\":\"2026-05-01T12:00:00Z\",\"tags\":[\"a\"]}",
            LinkInput.class);
    assertThat(input.targetUrl()).isEqualTo("https://example.com");
    assertThat(input.validUntil()).isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
    assertThat(input.tags()).containsExactly("a");
  }

  @Test
  void writesInstantsAsIsoText() {
    assertThat(Json.write(LinkInput.to("https://x.test").withSlug("s")))
        .contains("\"slug\":\"s\"")
        .doesNotContain("validUntil");
    assertThat(Json.write(new ApiError("e", "<b>"))).contains("<b>");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"targetUrl": 1, "colour": "red"}          | unknown_field
          {"targetUrl": "x"                          | invalid_json
          [1, 2]                                     | invalid_json
          {"a": 1} {"b": 2}                          | invalid_json
          {"validUntil": "tomorrow"}                 | invalid_field
          {"maxClicks": "lots"}                      | invalid_field
          {'targetUrl': 'lenient quotes'}            | invalid_json
          {"maxClicks": 1.5}                         | invalid_field
          {"maxClicks": 1e23}                        | invalid_field
          {"maxClicks": "5"}                         | invalid_field
          {"redirectType": 4294967598}               | invalid_field
          {"validUntil": "+999999999-12-31T23:59:59Z"} | invalid_field
          {"validFrom": "1969-12-31T23:59:59Z"}      | invalid_field
          """)
  void refusesWhatIsNotTheContract(String json, String code) {
    assertThatThrownBy(() -> Json.readStrict(json, LinkInput.class))
        .isInstanceOfSatisfying(
            Json.InvalidJsonException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void keepsExplicitNullsOfAMergePatch() {
    com.google.gson.JsonObject patch = new com.google.gson.JsonObject();
    patch.add("validUntil", com.google.gson.JsonNull.INSTANCE);
    patch.addProperty("title", "x");
    assertThat(Json.write(patch)).isEqualTo("{\"validUntil\":null,\"title\":\"x\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"maxClicks": 5}                                  | 5
          {"maxClicks": 5.0}                                | 5
          {"maxClicks": 9223372036854775807}                | 9223372036854775807
          {"maxClicks": 1e3}                                | 1000
          """)
  void readsWholeNumbersExactly(String json, long expected) {
    assertThat(Json.readStrict(json, LinkInput.class).maxClicks()).isEqualTo(expected);
  }

  @Test
  void namesTheFieldAndTheRangeOfADateOutsideIt() {
    assertThatThrownBy(
            () -> Json.readStrict("{\"validUntil\": \"+10000-01-01T00:00:00Z\"}", LinkInput.class))
        .hasMessageContaining("validUntil")
        .hasMessageContaining("1970-01-01T00:00:00Z")
        .hasMessageContaining("9999-12-31T23:59:59.999Z");
  }
}
