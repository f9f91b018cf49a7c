//! Chart text in short lines: columns counted as a terminal or Graphviz
//! would (a Chinese character takes two), words wider than a line cut.

use super::WRAP;

/// `s` in lines of at most [`WRAP`] columns (a longer word is cut, see
/// [`wrap_at`]), at most `max_lines` of them, the last cut with `…`. Lines are
/// joined with `\n`, the escape both notations turn into a line break.
pub(super) fn wrap(s: &str, max_lines: usize) -> String {
    wrap_at(s, WRAP, max_lines)
}

/// [`wrap`] at `width` columns a line: a Chinese character takes two, and a
/// word wider than a line (Chinese has no spaces; a long web address) is cut
/// into pieces that fit.
pub(super) fn wrap_at(s: &str, width: usize, max_lines: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    'words: for word in s.split_whitespace() {
        for piece in pieces(word, width) {
            let fits = lines.last().is_some_and(|l| l.width() + 1 + piece.width() <= width);
            if fits && let Some(line) = lines.last_mut() {
                line.push(' ');
                line.push_str(piece);
            } else if lines.len() == max_lines {
                cut = true;
                break 'words;
            } else {
                lines.push(piece.to_string());
            }
        }
    }
    if cut && let Some(last) = lines.last_mut() {
        last.push('…');
    }
    lines.join("\\n")
}

/// `word` cut into pieces of at most `width` columns (one piece when it fits).
fn pieces(word: &str, width: usize) -> Vec<&str> {
    use unicode_width::UnicodeWidthChar;
    let mut out = Vec::new();
    let (mut start, mut cols) = (0, 0);
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if cols + w > width && i > start {
            out.push(&word[start..i]);
            (start, cols) = (i, 0);
        }
        cols += w;
    }
    out.push(&word[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::wrap_at;

    #[test]
    fn chinese_wraps_at_two_columns_a_character() {
        // 12 characters, 24 columns, no spaces: 10 columns a line is 5 characters.
        let text = "请到前台找工作人员帮忙谢谢";
        let wrapped = wrap_at(text, 10, 10);
        let lines: Vec<&str> = wrapped.split("\\n").collect();
        assert_eq!(lines, ["请到前台找", "工作人员帮", "忙谢谢"]);
    }

    #[test]
    fn words_wrap_at_spaces_and_a_word_wider_than_a_line_is_cut() {
        assert_eq!(wrap_at("Go to the front desk", 10, 10), "Go to the\\nfront desk");
        assert_eq!(wrap_at("www.example-library.org", 10, 10), "www.exampl\\ne-library.\\norg");
        assert_eq!(wrap_at("one two three four", 7, 2), "one two\\nthree…");
    }
}
