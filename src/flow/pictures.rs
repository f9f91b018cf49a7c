//! What `load` says about pictures beyond "missing": one warning when the
//! whole `assets/` folder is missing (a flows folder copied alone would
//! otherwise give one per picture), and pictures refused for where they
//! link or how big they are.

use super::diag::{Code, Diagnostic, Severity};
use super::limits;
use super::source::Pos;
use super::sources::Sources;
use std::path::Path;

/// With no pictures folder at all, one warning (at the first picture named)
/// instead of one per picture: a flows folder copied without `assets/`.
pub(super) fn no_assets_folder(diagnostics: &mut Vec<Diagnostic>, folder: &Path) {
    let missing = diagnostics.iter().filter(|d| d.code == Code::MissingPicture).count();
    let Some(first) = diagnostics.iter().position(|d| d.code == Code::MissingPicture) else { return };
    let at = diagnostics[first].clone();
    diagnostics.retain(|d| d.code != Code::MissingPicture);
    let mut d = Diagnostic::new(
        Severity::Warning,
        Code::MissingAssets,
        &at.file,
        Pos { line: at.line, col: at.column },
        format!(
            "there is no pictures folder at `{}`, so the kiosk shows none of the pictures and icons the flows name ({missing} in all)",
            folder.display()
        ),
    )
    .hint("copy `assets/` beside the flows folder, or say where it is with `--assets DIR`");
    d.width = at.width;
    diagnostics.insert(first.min(diagnostics.len()), d);
}

/// A warning at every use of each picture refused by [`Assets::refusal`].
pub(super) fn refused_pictures(
    sources: &Sources,
    mut refused: Vec<(String, limits::Refusal)>,
) -> Vec<Diagnostic> {
    refused.sort_by(|a, b| a.0.cmp(&b.0));
    refused.dedup_by(|a, b| a.0 == b.0);
    let mut out = Vec::new();
    for (name, why) in refused {
        let (reason, hint) = match why {
            limits::Refusal::Outside(target) => (
                format!("links to `{}`, outside `assets/`", target.display()),
                "put the picture itself in `assets/` (a link may point only inside it)".to_string(),
            ),
            _ => (
                format!("is larger than {} MiB", limits::MAX_PICTURE_BYTES >> 20),
                "save it smaller: a screen-sized PNG is a few hundred kilobytes".to_string(),
            ),
        };
        for file in &sources.flows {
            let uses = file
                .literals()
                .iter()
                .filter(|l| l.value == name && matches!(l.key.as_deref(), Some("icon" | "picture")));
            for l in uses {
                out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::PictureRefused,
                        &file.name,
                        l.pos,
                        format!("picture `{name}` {reason}; the kiosk does not show it"),
                    )
                    .width(l.width)
                    .hint(hint.clone()),
                );
            }
        }
    }
    out
}
