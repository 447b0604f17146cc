package io.srespace.console.incidents;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A post-mortem's Markdown as the page shows it, rendered by CommonMark. The text comes from the
 * bus: any HTML in it is escaped, not passed through, and links other than http(s) and mailto are
 * made harmless, so what the page inserts holds no script.
 */
final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  static String html(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}
