// HTML reduced to text: the markup a crawl leaves in an article body, and its character
// references.
#pragma once

#include <string>
#include <string_view>

namespace fahras::indexer {

/**
 * Whether `text` looks like HTML: it has a tag of a common HTML element (<p>, <br/>,
 * </div>, <a href=...>), a comment (<!--), or a character reference (&amp; &#1234; &#x6f3;).
 * A lone "<" or "&" in prose ("x < y", "AT&T") does not count.
 */
bool looks_like_html(std::string_view text);

/**
 * Reduces markup to text: tags are dropped; block tags (p, div, br, li, h1-h6, tr, and
 * the other block elements: ul, table, blockquote, section, ...) become paragraph breaks
 * "\n"; table cells become spaces; <script>, <style> (and <noscript>, <template>) lose
 * their content; comments and <!...>/<?...?> go. Character references are decoded: named
 * (amp lt gt quot apos nbsp and a few dozen more), decimal and hex; references to
 * U+0000, surrogates or beyond U+10FFFF become U+FFFD, and &#128;-&#159; are read as
 * Windows-1252, as browsers do. A "<" that does not open a tag stays text, and newlines in
 * the source are kept (they are not folded into spaces, so crawled "HTML-ish" text with
 * one paragraph per line keeps its paragraphs).
 */
std::string html_to_text(std::string_view text);

}  // namespace fahras::indexer
