//! A take-home link on a step or ending: the kiosk shows it as a QR code
//! with the short address, for the patron's phone. Only `https://` (a
//! patron's phone should never be sent to a page that is not encrypted), no
//! spaces or invisible characters, and short enough for a QR code a phone
//! reads from a metre away and an address a patron can copy by hand.

use super::Checker;
use super::locate::{At, locate};
use crate::flow::diag::{Code, Severity};
use crate::flow::source::SourceFile;

/// The longest link, in characters.
pub const MAX_LINK: usize = 100;

/// Checks the `link` of node `id` (node `k` of its flow).
pub(super) fn check(c: &mut Checker, file: &SourceFile, k: usize, id: &str, link: &str) {
    let host = link.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let problem = match host {
        None => Some("is not an `https://` address"),
        Some(h) if h.is_empty() || !h.contains('.') => Some("has no web site name after `https://`"),
        Some(_) if link.chars().any(|ch| ch.is_whitespace() || crate::flow::chars::is_invisible(ch)) => {
            Some("has a space or an invisible character")
        }
        Some(_) if link.chars().count() > MAX_LINK => Some("is too long for a QR code a phone reads easily"),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        c.push(
            file,
            locate(file, At::value(&[("nodes", k)], "link")),
            Severity::Error,
            Code::BadLink,
            format!("the link of `{id}` {problem}"),
            Some(format!(
                "write the whole address, starting `https://`, at most {MAX_LINK} characters, e.g. \"https://g.co/recover\""
            )),
        );
    }
}
