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

/// A place in the text being scanned, keeping line and column.
struct Cursor<'c> {
    chars: &'c [char],
    i: usize,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    /// The character `k` places ahead.
    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    /// Moves past the current character.
    fn step(&mut self) {
        if self.at(0) == Some('\n') {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        self.i += 1;
    }

    fn steps(&mut self, n: usize) {
        for _ in 0..n {
            self.step();
        }
    }

    /// Past a `//` comment, to the line break.
    fn line_comment(&mut self) {
        while self.at(0).is_some_and(|c| c != '\n') {
            self.step();
        }
    }

    /// Past a `/* */` comment, which may nest.
    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.at(0) {
            if c == '/' && self.at(1) == Some('*') {
                depth += 1;
                self.steps(2);
            } else if c == '*' && self.at(1) == Some('/') {
                depth = depth.saturating_sub(1);
                self.steps(2);
                if depth == 0 {
                    break;
                }
            } else {
                self.step();
            }
        }
    }

    /// How many `#` a raw string starting here has (`r"`: 0), if one does.
    fn raw_hashes(&self) -> Option<usize> {
        if self.at(0) != Some('r') {
            return None;
        }
        let mut j = 1;
        while self.at(j) == Some('#') {
            j += 1;
        }
        (self.at(j) == Some('"')).then_some(j - 1)
    }

    /// A raw string with `hashes` hashes: its value, and whether it closed.
    fn raw_string(&mut self, hashes: usize) -> (String, bool) {
        let mut value = String::new();
        self.steps(hashes + 2);
        while let Some(ch) = self.at(0) {
            if ch == '"' && (1..=hashes).all(|k| self.at(k) == Some('#')) {
                self.steps(hashes + 1);
                return (value, true);
            }
            value.push(ch);
            self.step();
        }
        (value, false)
    }

    /// A quoted string, unescaped: its value, and whether it closed.
    fn quoted_string(&mut self) -> (String, bool) {
        let mut value = String::new();
        self.step();
        while let Some(ch) = self.at(0) {
            self.step();
            match ch {
                '"' => return (value, true),
                '\\' => {
                    if !self.escape(&mut value) {
                        return (value, false);
                    }
                }
                _ => value.push(ch),
            }
        }
        (value, false)
    }

    /// The escape after a backslash, onto `value`; false at the end of the
    /// text.
    fn escape(&mut self, value: &mut String) -> bool {
        let Some(esc) = self.at(0) else { return false };
        self.step();
        match esc {
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'r' => value.push('\r'),
            '0' => value.push('\0'),
            'u' if self.at(0) == Some('{') => {
                let mut hex = String::new();
                while let Some(h) = self.at(0) {
                    self.step();
                    if h == '}' {
                        break;
                    }
                    if h != '{' {
                        hex.push(h);
                    }
                }
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    value.push(ch);
                }
            }
            '\n' => {
                // A line continuation: skip leading blanks.
                while self.at(0).is_some_and(char::is_whitespace) {
                    self.step();
                }
            }
            other => value.push(other),
        }
        true
    }
}

/// How many levels of brackets a literal's path records.
const MAX_DEPTH: usize = 24;

/// Where the scan is in the brackets, and the key a value would belong to.
struct Nesting {
    prev: Prev,
    pending_key: Option<String>,
    path: Vec<(Option<String>, usize)>,
    overflow: usize,
}

impl Nesting {
    /// Punctuation and anything else that is not a literal or a word.
    fn punct(&mut self, c: char) {
        match c {
            ':' => {
                self.pending_key = match std::mem::replace(&mut self.prev, Prev::Colon) {
                    Prev::Ident(k) | Prev::Str(k) => Some(k),
                    _ => None,
                };
                return;
            }
            '(' | '[' | '{' => {
                // Flow files nest a handful of levels; garbage may nest
                // thousands. Beyond the cap, depth is counted, not recorded.
                if self.path.len() < MAX_DEPTH {
                    self.path.push((self.pending_key.take(), 0));
                } else {
                    self.pending_key = None;
                    self.overflow += 1;
                }
            }
            ')' | ']' | '}' => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                } else {
                    self.path.pop();
                }
            }
            ',' => {
                self.pending_key = None;
                if self.overflow == 0
                    && let Some(last) = self.path.last_mut()
                {
                    last.1 += 1;
                }
            }
            _ => {}
        }
        self.prev = Prev::Other;
    }
}

fn scan(text: &str) -> Vec<Literal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = Cursor { chars: &chars, i: 0, line: 1, col: 1 };
    let mut n = Nesting { prev: Prev::Other, pending_key: None, path: Vec::new(), overflow: 0 };
    while let Some(c) = cur.at(0) {
        let start = cur.pos();
        if c.is_whitespace() {
            cur.step();
        } else if c == '/' && cur.at(1) == Some('/') {
            cur.line_comment();
        } else if c == '/' && cur.at(1) == Some('*') {
            cur.block_comment();
        } else if c == '"' || cur.raw_hashes().is_some() {
            let begin = cur.i;
            let (value, closed) = match cur.raw_hashes() {
                Some(hashes) => cur.raw_string(hashes),
                None => cur.quoted_string(),
            };
            let key = if n.prev == Prev::Colon { n.pending_key.take() } else { None };
            n.prev = Prev::Str(value.clone());
            out.push(Literal { key, value, pos: start, width: cur.i - begin, path: n.path.clone() });
            if !closed {
                break;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let begin = cur.i;
            while cur.at(0).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                cur.step();
            }
            n.prev = Prev::Ident(chars[begin..cur.i].iter().collect());
        } else {
            n.punct(c);
            cur.step();
        }
    }
    out
}
