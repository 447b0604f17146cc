package io.srespace.console.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void rendersAPostmortemsHeadingsListsAndCode() {
    String html =
        Markdown.html("# policy-service ran out of heap\n\n- 12:00 detected\n\n`restart`");

    assertThat(html)
        .contains("<h1>policy-service ran out of heap</h1>", "<li>12:00 detected</li>")
        .contains("<code>restart</code>");
  }

  @Test
  void htmlAndScriptLinksFromTheBusAreMadeHarmless() {
    String html =
        Markdown.html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) and [runbook](https://runbooks.example/pool)");

    assertThat(html)
        .doesNotContain("<script", "<img", "javascript:")
        .contains("&lt;script&gt;", "href=\"https://runbooks.example/pool\"");
  }
}
