//! Reading one RON file into the raw types, and wording ron's errors for IT
//! staff: plain words ("expected a comma"), the caret on the token rather than
//! the blank before it, and a hint where the usual cause is known (a text left
//! open on the line before, a bracket missing).

use super::diag::{Code, Diagnostic, Severity, suggest};
use super::source::{Pos, SourceFile};

/// Parses RON with the options flow files use: `Some(..)` may be left out,
/// and nesting is bounded so that garbage cannot overflow the stack.
pub fn parse_ron<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Box<Diagnostic>> {
    if is_blank(&file.text) {
        return Err(Box::new(
            Diagnostic::new(Severity::Error, Code::EmptyFile, &file.name, Pos::START, "the file is empty")
                .hint("see docs/flow-format.md for what goes in it, or delete the file"),
        ));
    }
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    options.from_str::<T>(&file.text).map_err(|e| {
        let start = Pos { line: e.span.start.line.max(1), col: e.span.start.col.max(1) };
        let end = Pos { line: e.span.end.line.max(1), col: e.span.end.col.max(1) };
        // ron's spans may start on the blank before a token: point at the token.
        let start = skip_blanks(&file.text, start);
        if let Some(d) = ends_early(file, start) {
            return Box::new(d);
        }
        let width = if end.line == start.line && end.col > start.col { end.col - start.col } else { 1 };
        let d = ron_diagnostic(&file.name, start, &e.code, &file.text);
        Box::new(d.width(width))
    })
}

/// A file cut off before its end (a partial copy or save) makes ron stumble
/// on whatever the last token happens to be: "expected a comma", an unknown
/// field `rea`. When the error is on the file's last line and brackets are
/// still open there (outside any text, which has its own message), say that
/// the file ends early, at the last bracket opened.
fn ends_early(file: &SourceFile, error: Pos) -> Option<Diagnostic> {
    let last_line = file.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).last()?.0 + 1;
    if error.line < last_line {
        return None;
    }
    let open = open_brackets(&file.text)?;
    let &(bracket, pos) = open.last()?;
    let n = open.len();
    let close = match bracket {
        '(' => ')',
        '[' => ']',
        _ => '}',
    };
    Some(
        Diagnostic::new(
            Severity::Error,
            Code::Syntax,
            &file.name,
            pos,
            format!("the file ends before this `{bracket}` is closed"),
        )
        .hint(format!(
            "was the file cut off? {n} bracket{} still open at the end; the last needs a `{close}`",
            if n == 1 { " is" } else { "s are" }
        )),
    )
}

/// The brackets still open at the end of `text`, outermost first, skipping
/// texts and comments; `None` when the text ends inside a text or comment
/// (other messages cover those).
fn open_brackets(text: &str) -> Option<Vec<(char, Pos)>> {
    let mut open = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut col) = (1usize, 1usize);
    let advance = |c: char, line: &mut usize, col: &mut usize| {
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while let Some(c) = chars.next() {
        let here = Pos { line, col };
        advance(c, &mut line, &mut col);
        match c {
            '"' => {
                let mut closed = false;
                while let Some(c) = chars.next() {
                    advance(c, &mut line, &mut col);
                    if c == '\\' {
                        if let Some(e) = chars.next() {
                            advance(e, &mut line, &mut col);
                        }
                    } else if c == '"' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return None;
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                while let Some(&c) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    advance(c, &mut line, &mut col);
                    chars.next();
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut depth = 0usize;
                let mut prev = '/';
                let mut closed = false;
                for c in chars.by_ref() {
                    advance(c, &mut line, &mut col);
                    if prev == '/' && c == '*' {
                        depth += 1;
                        prev = ' ';
                        continue;
                    }
                    if prev == '*' && c == '/' {
                        depth -= 1;
                        if depth == 0 {
                            closed = true;
                            break;
                        }
                        prev = ' ';
                        continue;
                    }
                    prev = c;
                }
                if !closed {
                    return None;
                }
            }
            '(' | '[' | '{' => open.push((c, here)),
            ')' | ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    Some(open)
}

/// A text in quotes where ron wanted a bare word (`urgency: "Urgent"`): the
/// field before it (or "") and the word.
fn quoted_word(text: &str, pos: Pos) -> Option<(String, String)> {
    let line = text.lines().nth(pos.line.checked_sub(1)?)?;
    let before: String = line.chars().take(pos.col - 1).collect();
    let after: String = line.chars().skip(pos.col - 1).collect();
    let word = after.strip_prefix('"')?.split('"').next()?;
    if word.is_empty() || !word.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let field = before
        .trim_end()
        .strip_suffix(':')
        .map(|b| b.trim_end().rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or(""))
        .unwrap_or("");
    Some((field.to_string(), word.to_string()))
}

/// Whether a file has nothing but blanks and comments.
fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after).trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after).trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Moves a position forward past spaces and line breaks.
fn skip_blanks(text: &str, pos: Pos) -> Pos {
    let Some(line) = text.lines().nth(pos.line - 1) else { return pos };
    let skipped = line.chars().skip(pos.col - 1).take_while(|c| c.is_whitespace()).count();
    if pos.col - 1 + skipped < line.chars().count() {
        Pos { line: pos.line, col: pos.col + skipped }
    } else {
        pos
    }
}

/// The last line at or before `line` with an odd number of unescaped double
/// quotes: where a string was most likely left open.
fn open_string_line(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    lines.iter().enumerate().rev().take(3).find_map(|(i, l)| {
        let quotes = l.replace("\\\\", "").replace("\\\"", "").matches('"').count();
        (quotes % 2 == 1).then_some(i + 1)
    })
}

/// A ron error worded for people: a stable code, the message and a hint.
type Problem = (Code, String, Option<String>);

fn ron_diagnostic(file: &str, pos: Pos, error: &ron::Error, text: &str) -> Diagnostic {
    let (code, message, hint) = field_problem(error)
        .or_else(|| syntax_problem(error, pos, text))
        .or_else(|| type_problem(error))
        .unwrap_or_else(|| (Code::Syntax, lower_first(&error.to_string()).replace("struct ", ""), None));
    let d = Diagnostic::new(Severity::Error, code, file, pos, message);
    match hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// Unknown, missing or repeated fields and kinds; nesting too deep.
fn field_problem(error: &ron::Error) -> Option<Problem> {
    use ron::Error as E;
    Some(match error {
        E::NoSuchStructField { expected, found, outer } => (
            Code::UnknownField,
            format!("unknown field `{found}`{}", in_outer(outer)),
            suggest(found, expected, "fields allowed"),
        ),
        E::MissingStructField { field, outer } => (
            Code::MissingField,
            format!("missing field `{field}`{}", in_outer(outer)),
            Some(format!("add `{field}: ...` before the closing bracket")),
        ),
        E::DuplicateStructField { field, outer } => (
            Code::DuplicateField,
            format!("field `{field}` is given twice{}", in_outer(outer)),
            Some("keep one of them".into()),
        ),
        E::NoSuchEnumVariant { expected, found, outer } => {
            let message = match outer.as_deref() {
                Some("Node") => format!("unknown node kind `{found}`"),
                Some(o) => format!("`{found}` is not a valid `{}`", o.to_lowercase()),
                None => format!("unknown value `{found}`"),
            };
            (Code::UnknownKind, message, suggest(found, expected, "allowed here"))
        }
        E::ExceededRecursionLimit => (
            Code::TooDeep,
            "brackets are nested too deeply".into(),
            Some("a flow file needs only a few levels; look for unclosed brackets".into()),
        ),
        _ => return None,
    })
}

/// Brackets, commas, quotes and the file's end.
fn syntax_problem(error: &ron::Error, pos: Pos, text: &str) -> Option<Problem> {
    use ron::Error as E;
    let open_string = open_string_line(text, pos.line);
    Some(match error {
        E::ExpectedComma
        | E::ExpectedStructLikeEnd
        | E::ExpectedMapEnd
        | E::ExpectedArrayEnd
        | E::ExpectedMapColon
        | E::Eof
        | E::ExpectedStringEnd
            if open_string.is_some_and(|l| l < pos.line) || matches!(error, E::ExpectedStringEnd) =>
        {
            let line = open_string.unwrap_or(pos.line);
            (
                Code::Syntax,
                format!("a text on line {line} is not closed"),
                Some("end it with a double quote `\"` on the same line".into()),
            )
        }
        E::ExpectedString => (
            Code::Syntax,
            "expected text in double quotes".into(),
            Some("text goes in double quotes: \"like this\"".into()),
        ),
        E::ExpectedComma => (
            Code::Syntax,
            "expected a comma".into(),
            Some("is a comma missing at the end of the line before?".into()),
        ),
        E::Eof => {
            (Code::Syntax, "the file ends too early".into(), Some("a closing bracket is missing".into()))
        }
        E::Utf8Error(_) => (
            Code::Encoding,
            "the file is not valid UTF-8".into(),
            Some("save the file as UTF-8 in your editor".into()),
        ),
        E::ExpectedIdentifier if quoted_word(text, pos).is_some() => {
            let (field, word) = quoted_word(text, pos).unwrap_or_default();
            let message = if field.is_empty() {
                format!("`{word}` is a fixed word here, not a text: it goes without quotes")
            } else {
                format!("`{field}` takes a fixed word, not a text in quotes")
            };
            let written = if field.is_empty() { word.clone() } else { format!("{field}: {word}") };
            (Code::Type, message, Some(format!("write it without quotes: `{written}`")))
        }
        E::ExpectedIdentifier => (
            Code::Syntax,
            "expected a field name or a kind here".into(),
            Some("check the brackets just before: one may be extra or missing".into()),
        ),
        E::ExpectedArrayEnd => (
            Code::Syntax,
            "expected `]` to close the list".into(),
            Some("is a comma or a `]` missing?".into()),
        ),
        E::ExpectedMapEnd => (
            Code::Syntax,
            "expected `}` to close the map".into(),
            Some("is a comma or a `}` missing?".into()),
        ),
        E::ExpectedStructLikeEnd => (
            Code::Syntax,
            "expected `)` to close the brackets".into(),
            Some("is a comma or a `)` missing?".into()),
        ),
        E::TrailingCharacters => (
            Code::Syntax,
            "there is more after the end".into(),
            Some("is a bracket closed too early?".into()),
        ),
        _ => return None,
    })
}

/// A value of the wrong kind: text for a fixed word, a list for a map, ...
fn type_problem(error: &ron::Error) -> Option<Problem> {
    use ron::Error as E;
    Some(match error {
        E::ExpectedDifferentStructName { expected, found } => (
            Code::Type,
            format!("expected `{expected}(...)`, found `{found}(...)`"),
            suggest(found, &[expected], "the name here is").or(Some(format!("write `{expected}(`"))),
        ),
        E::ExpectedNamedStructLike(name) => (
            Code::Type,
            format!("expected `{name}(...)` here"),
            Some("is a closing `]` or `)` missing before this?".into()),
        ),
        E::Message(m) if m.contains("untagged enum VarValue") => (
            Code::Type,
            "a branch value must be text in quotes, or text per language".into(),
            Some("write `\"printer\": \"PRINT-1\"` or `\"desk\": {\"en\": \"...\", \"es\": \"...\"}`".into()),
        ),
        E::ExpectedBoolean => (
            Code::Type,
            "expected `true` or `false`".into(),
            Some("write it without quotes, e.g. `urgent: true`".into()),
        ),
        E::ExpectedArray => (Code::Type, "expected a list in `[...]`".into(), None),
        E::ExpectedMap => (
            Code::Type,
            "expected a map in `{...}`".into(),
            Some("text goes in a map by language: {\"en\": \"...\"}".into()),
        ),
        E::InvalidValueForType { .. } | E::ExpectedStructLike => {
            (Code::Type, lower_first(&error.to_string()).replace("struct ", ""), None)
        }
        _ => return None,
    })
}

fn in_outer(outer: &Option<String>) -> String {
    outer.as_ref().map(|o| format!(" in `{o}`")).unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect::<String>().trim_end_matches('.').to_string(),
        None => String::new(),
    }
}
