//! Where things are in a RON file.
//!
//! ron reports positions only for syntax and type errors. The checks that run
//! after parsing (unknown targets, missing translations, ...) still need a
//! file:line:column for IT staff, so this module scans the text once for its
//! string literals and lets the checker look them up. Parsing succeeded before
//! any lookup happens, so the literals appear in the same order as the values
//! serde saw.

/// A 1-based line and column; columns count characters, as ron's do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl Pos {
    /// The start of a file.
    pub const START: Pos = Pos { line: 1, col: 1 };
}

/// A string literal found in the source.
#[derive(Clone, Debug)]
pub struct Literal {
    /// The field name before `:` (for `to: "x"` it is `to`), or the map key.
    pub key: Option<String>,
    /// The unescaped value.
    pub value: String,
    /// Where the opening quote is.
    pub pos: Pos,
    /// Length of the literal in characters, quotes included.
    pub width: usize,
    /// The brackets around the literal, outermost first: for each, the field
    /// it is the value of (if any) and the index of the element inside it.
    pub path: Vec<(Option<String>, usize)>,
}

impl Literal {
    /// Whether the literal sits inside element `index` of the list or map
    /// that is the value of field `key`.
    pub fn inside(&self, key: &str, index: usize) -> bool {
        self.path.iter().any(|(k, i)| k.as_deref() == Some(key) && *i == index)
    }

    /// Whether the literal sits anywhere inside the value of field `key`.
    pub fn under(&self, key: &str) -> bool {
        self.path.iter().any(|(k, _)| k.as_deref() == Some(key))
    }
}

/// The text of one file and, once asked for, the literals in it.
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path relative to where `check` ran).
    pub name: String,
    /// The file text.
    pub text: String,
    /// Every string literal, in order; scanned only when a diagnostic needs a
    /// position, so clean files cost nothing extra.
    literals: std::sync::OnceLock<Vec<Literal>>,
}

impl SourceFile {
    /// Keeps `text` under `name`. Never fails. A UTF-8 byte-order mark at
    /// the start (Windows Notepad writes one) is dropped, so the text parses
    /// and line 1 counts its columns as an editor shows them.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile { name: name.into(), text, literals: Default::default() }
    }

    /// Every string literal in the file. An unterminated string ends the scan
    /// (ron has already reported it).
    pub fn literals(&self) -> &[Literal] {
        self.literals.get_or_init(|| scan(&self.text))
    }

    /// The first literal that matches.
    pub fn find(&self, matches: impl FnMut(&&Literal) -> bool) -> Option<&Literal> {
        self.literals().iter().find(matches)
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn pos_of_byte(&self, byte: usize) -> Pos {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let before = &self.text[..byte];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos { line, col }
    }

    /// The source line at `line` (1-based), without its newline.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

/// The token before the current one: enough to find `key: "value"` and
/// `"key": "value"`.
#[derive(Clone, PartialEq)]
enum Prev {
    Ident(String),
    Str(String),
    Colon,
    Other,
}

/// Moves past the character at `i`, keeping line and column.
fn step(chars: &[char], i: &mut usize, line: &mut usize, col: &mut usize) {
    if chars.get(*i) == Some(&'\n') {
        *line += 1;
        *col = 1;
    } else {
        *col += 1;
    }
    *i += 1;
}

/// How many levels of brackets a literal's path records.
const MAX_DEPTH: usize = 24;

fn scan(text: &str) -> Vec<Literal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let mut prev = Prev::Other;
    let mut pending_key: Option<String> = None;
    let mut path: Vec<(Option<String>, usize)> = Vec::new();
    let mut overflow = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let start = Pos { line, col };
        if c.is_whitespace() {
            step(&chars, &mut i, &mut line, &mut col);
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&chars, &mut i, &mut line, &mut col);
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    step(&chars, &mut i, &mut line, &mut col);
                    step(&chars, &mut i, &mut line, &mut col);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth = depth.saturating_sub(1);
                    step(&chars, &mut i, &mut line, &mut col);
                    step(&chars, &mut i, &mut line, &mut col);
                    if depth == 0 {
                        break;
                    }
                } else {
                    step(&chars, &mut i, &mut line, &mut col);
                }
            }
            continue;
        }
        let raw_hashes = if c == 'r' {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            (chars.get(j) == Some(&'"')).then_some(j - i - 1)
        } else {
            None
        };
        if c == '"' || raw_hashes.is_some() {
            let begin = i;
            let mut value = String::new();
            let closed;
            if let Some(hashes) = raw_hashes {
                for _ in 0..hashes + 2 {
                    step(&chars, &mut i, &mut line, &mut col);
                }
                loop {
                    let Some(&ch) = chars.get(i) else {
                        closed = false;
                        break;
                    };
                    if ch == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                        for _ in 0..hashes + 1 {
                            step(&chars, &mut i, &mut line, &mut col);
                        }
                        closed = true;
                        break;
                    }
                    value.push(ch);
                    step(&chars, &mut i, &mut line, &mut col);
                }
            } else {
                step(&chars, &mut i, &mut line, &mut col);
                loop {
                    let Some(&ch) = chars.get(i) else {
                        closed = false;
                        break;
                    };
                    step(&chars, &mut i, &mut line, &mut col);
                    match ch {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            let Some(&esc) = chars.get(i) else {
                                closed = false;
                                break;
                            };
                            step(&chars, &mut i, &mut line, &mut col);
                            match esc {
                                'n' => value.push('\n'),
                                't' => value.push('\t'),
                                'r' => value.push('\r'),
                                '0' => value.push('\0'),
                                'u' if chars.get(i) == Some(&'{') => {
                                    let mut hex = String::new();
                                    while let Some(&h) = chars.get(i) {
                                        step(&chars, &mut i, &mut line, &mut col);
                                        if h == '}' {
                                            break;
                                        }
                                        if h != '{' {
                                            hex.push(h);
                                        }
                                    }
                                    if let Some(ch) =
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                    {
                                        value.push(ch);
                                    }
                                }
                                '\n' => {
                                    // A line continuation: skip leading blanks.
                                    while let Some(&w) = chars.get(i) {
                                        if !w.is_whitespace() {
                                            break;
                                        }
                                        step(&chars, &mut i, &mut line, &mut col);
                                    }
                                }
                                other => value.push(other),
                            }
                        }
                        _ => value.push(ch),
                    }
                }
            }
            let key = if prev == Prev::Colon { pending_key.take() } else { None };
            prev = Prev::Str(value.clone());
            out.push(Literal { key, value, pos: start, width: i - begin, path: path.clone() });
            if !closed {
                break;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let begin = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                step(&chars, &mut i, &mut line, &mut col);
            }
            prev = Prev::Ident(chars[begin..i].iter().collect());
            continue;
        }
        match c {
            ':' => {
                pending_key = match std::mem::replace(&mut prev, Prev::Colon) {
                    Prev::Ident(k) | Prev::Str(k) => Some(k),
                    _ => None,
                };
            }
            '(' | '[' | '{' => {
                // Flow files nest a handful of levels; garbage may nest
                // thousands. Beyond the cap, depth is counted, not recorded.
                if path.len() < MAX_DEPTH {
                    path.push((pending_key.take(), 0));
                } else {
                    pending_key = None;
                    overflow += 1;
                }
                prev = Prev::Other;
            }
            ')' | ']' | '}' => {
                if overflow > 0 {
                    overflow -= 1;
                } else {
                    path.pop();
                }
                prev = Prev::Other;
            }
            ',' => {
                pending_key = None;
                if overflow == 0
                    && let Some(last) = path.last_mut()
                {
                    last.1 += 1;
                }
                prev = Prev::Other;
            }
            _ => prev = Prev::Other,
        }
        step(&chars, &mut i, &mut line, &mut col);
    }
    out
}
