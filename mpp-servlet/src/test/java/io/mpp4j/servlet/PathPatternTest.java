package io.mpp4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

  @Test
  void matchesWhenExactThenOnlyThatPathIgnoringEmptySegments() {
    PathPattern pattern = PathPattern.parse("/api/fortune");

    assertThat(pattern.matches("/api/fortune")).isTrue();
    assertThat(pattern.matches("/api/fortune/")).isTrue();
    assertThat(pattern.matches("/api//fortune")).isTrue();
    assertThat(pattern.matches("/api/fortunes")).isFalse();
    assertThat(pattern.matches("/api/fortune/x")).isFalse();
    assertThat(pattern.matches("/api")).isFalse();
  }

  @Test
  void matchesWhenVariableThenOneWholeSegment() {
    PathPattern pattern = PathPattern.parse("/items/{id}/price");

    assertThat(pattern.matches("/items/42/price")).isTrue();
    assertThat(pattern.matches("/items/price")).isFalse();
    assertThat(pattern.matches("/items/4/2/price")).isFalse();
    assertThat(pattern.variables()).containsExactly("id");
    assertThat(pattern.openApiPath()).isEqualTo("/items/{id}/price");
  }

  @Test
  void matchesWhenPrefixThenItselfAndEverythingBelow() {
    PathPattern pattern = PathPattern.parse("/files/*");

    assertThat(pattern.matches("/files")).isTrue();
    assertThat(pattern.matches("/files/a/b.txt")).isTrue();
    assertThat(pattern.matches("/filesystem")).isFalse();
    assertThat(pattern.openApiPath()).isEqualTo("/files/{path}");
  }

  @Test
  void specificityWhenComparedThenExactBeforeVariableBeforePrefix() {
    int exact = PathPattern.parse("/a/b").specificity();
    int variable = PathPattern.parse("/a/{x}").specificity();
    int prefix = PathPattern.parse("/a/*").specificity();
    int longerPrefix = PathPattern.parse("/a/b/*").specificity();

    assertThat(exact).isGreaterThan(variable);
    assertThat(variable).isGreaterThan(longerPrefix);
    assertThat(longerPrefix).isGreaterThan(prefix);
  }

  @Test
  void parseWhenMalformedThenRefused() {
    assertThatThrownBy(() -> PathPattern.parse("api")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PathPattern.parse("/a*/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PathPattern.parse("/a/{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
