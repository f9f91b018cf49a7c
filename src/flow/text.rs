//! Patron text with `{placeholders}` that a branch fills.
//!
//! Text is kept as written and split into pieces when shown, so that the kiosk
//! can highlight the values a branch filled in (printer names, prices) and the
//! checker can list every placeholder a text uses.

/// A piece of text ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Words as written.
    Plain(String),
    /// A value the branch filled in; the kiosk highlights it.
    Value(String),
}

/// Text with branch values filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich(pub Vec<Span>);

impl Rich {
    /// The text with values inline, for terminals and screen readers.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Plain(t) | Span::Value(t) => t.as_str(),
            })
            .collect()
    }
}

impl std::fmt::Display for Rich {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.plain())
    }
}

/// A problem with placeholder syntax, at a character offset in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// `{` with no `}`.
    Unclosed(usize),
    /// `}` with no `{` (write `}}` for a literal brace).
    StrayClose(usize),
    /// `{}` or `{ two words }`.
    BadName(usize, String),
}

/// One piece of a template as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text (with `{{`/`}}` already unescaped).
    Text(String),
    /// A placeholder name.
    Var(&'a str),
}

/// Splits `text` into literal text and placeholders. `{{` and `}}` stand for
/// literal braces.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let mut buf = String::new();
    // `at` is a byte index into `text`; `offset` counts characters, for
    // messages.
    let (mut at, mut offset) = (0usize, 0usize);
    while let Some(c) = text[at..].chars().next() {
        let next = text[at + c.len_utf8()..].chars().next();
        match (c, next) {
            ('{', Some('{')) | ('}', Some('}')) => {
                buf.push(c);
                at += 2;
                offset += 2;
            }
            ('{', _) => {
                let rest = &text[at + 1..];
                let Some(end) = rest.find('}') else {
                    return Err(TemplateError::Unclosed(offset));
                };
                let name = &rest[..end];
                if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return Err(TemplateError::BadName(offset, name.to_string()));
                }
                if !buf.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut buf)));
                }
                out.push(Piece::Var(name));
                at += end + 2;
                offset += name.chars().count() + 2;
            }
            ('}', _) => return Err(TemplateError::StrayClose(offset)),
            (c, _) => {
                buf.push(c);
                at += c.len_utf8();
                offset += 1;
            }
        }
    }
    if !buf.is_empty() {
        out.push(Piece::Text(buf));
    }
    Ok(out)
}

/// The placeholder names a text uses (empty when its syntax is broken; the
/// checker reports that separately).
pub fn placeholders(text: &str) -> Vec<&str> {
    pieces(text)
        .map(|p| {
            p.into_iter()
                .filter_map(|p| match p {
                    Piece::Var(v) => Some(v),
                    Piece::Text(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Fills placeholders from `vars`. A name with no value is shown as written,
/// braces and all, so a gap is visible rather than silently blank; `check`
/// reports it before it gets here. Broken syntax is shown as written.
pub fn fill<'v>(text: &str, lookup: impl Fn(&str) -> Option<&'v str>) -> Rich {
    let Ok(pieces) = pieces(text) else {
        return Rich(vec![Span::Plain(text.to_string())]);
    };
    let mut out: Vec<Span> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => match out.last_mut() {
                Some(Span::Plain(prev)) => prev.push_str(&t),
                _ => out.push(Span::Plain(t)),
            },
            Piece::Var(name) => match lookup(name) {
                Some(value) => out.push(Span::Value(value.to_string())),
                None => out.push(Span::Plain(format!("{{{name}}}"))),
            },
        }
    }
    Rich(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<&'static str> {
        (name == "printer").then_some("PRINT-1")
    }

    #[test]
    fn fills_and_marks_values() {
        let r = fill("Go to {printer} now.", vars);
        assert_eq!(
            r.0,
            vec![Span::Plain("Go to ".into()), Span::Value("PRINT-1".into()), Span::Plain(" now.".into())]
        );
        assert_eq!(r.plain(), "Go to PRINT-1 now.");
    }

    #[test]
    fn braces_escape_and_unknown_names_stay_visible() {
        assert_eq!(fill("{{a}} {missing}", vars).plain(), "{a} {missing}");
    }

    #[test]
    fn reports_broken_syntax_with_offsets() {
        assert_eq!(pieces("ab {printer"), Err(TemplateError::Unclosed(3)));
        assert_eq!(pieces("ab } c"), Err(TemplateError::StrayClose(3)));
        assert_eq!(pieces("é {two words}"), Err(TemplateError::BadName(2, "two words".into())));
        assert_eq!(placeholders("{a} and {b_2}, ñ {c}"), vec!["a", "b_2", "c"]);
    }
}
