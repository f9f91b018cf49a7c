//! `report --format html`: one self-contained page with inline SVG charts,
//! no script and nothing fetched, so it opens from a USB stick or an email.

use super::{duration, flow_name, outcome_words, pct, period};
use crate::stats::aggregate::{NodeCount, Report, weekday_names};
use crate::stats::{DeskOutcome, End};
use std::fmt::Write as _;

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#1a1a1a;max-width:70em}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #ddd}h3{margin-bottom:.3em}\
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #e4e4e4;text-align:right}\
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f3f6fa;padding:.8em 1.2em;border-radius:6px}\
.card b{display:block;font-size:1.6em}.flow{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}\
.note{color:#555}svg text{font-family:system-ui,sans-serif;font-size:12px}";

/// Horizontal bars: (label, value), longest = full width.
fn bars(items: &[(String, u64)], colour: &str, width: u32) -> String {
    let top = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let h = 20u32;
    let label_w = 170u32;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        width,
        h * items.len() as u32 + 4
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = i as u32 * h;
        let w = ((*v as f64 / top as f64) * f64::from(width - label_w - 60)).round() as u32;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{}\">{v}</text>",
            y + 14,
            esc(label),
            y + 3,
            w.max(1),
            h - 6,
            label_w + w + 5,
            y + 14
        );
    }
    s.push_str("</svg>");
    s
}

/// The hour-by-weekday heat map.
fn heat_map(r: &Report) -> String {
    let top = r.heat.iter().flatten().copied().max().unwrap_or(0).max(1);
    let (cell, left, head) = (26u32, 40u32, 20u32);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" \
         aria-label=\"Sessions by weekday and hour\">",
        left + 24 * cell + 10,
        head + 7 * cell + 4
    );
    for h in 0..24u32 {
        let _ = write!(s, "<text x=\"{}\" y=\"14\">{h:02}</text>", left + h * cell + 4);
    }
    for (d, (name, row)) in weekday_names().iter().zip(&r.heat).enumerate() {
        let y = head + d as u32 * cell;
        let _ = write!(s, "<text x=\"0\" y=\"{}\">{name}</text>", y + 17);
        for (h, n) in row.iter().enumerate() {
            let a = if *n == 0 { 0.0 } else { 0.08 + 0.92 * (*n as f64 / top as f64) };
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"#1f5fa8\" fill-opacity=\"{a:.3}\" \
                 stroke=\"#eee\"><title>{name} {h:02}:00: {n}</title></rect>",
                left + h as u32 * cell,
                cell - 1,
                cell - 1
            );
        }
    }
    s.push_str("</svg>");
    s
}

fn node_label(n: &NodeCount) -> String {
    n.node.clone()
}

/// The report as one self-contained HTML page: inline CSS, inline SVG
/// charts, no script and nothing fetched.
pub fn html(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>Kiosk statistics</title>\
         <style>{CSS}</style></head><body>"
    );
    summary(&mut o, r);
    per_flow(&mut o, r);
    places(&mut o, r);
    people(&mut o, r);
    desk(&mut o, r);
    unreadable(&mut o, r);
    o
}

/// The title and the summary cards.
fn summary(o: &mut String, r: &Report) {
    let _ = write!(
        o,
        "<h1>Kiosk statistics</h1><p class=\"note\">{}{} &middot; {} files</p>",
        esc(&period(r)),
        r.branch.as_ref().map(|b| format!(" &middot; branch {}", esc(b))).unwrap_or_default(),
        r.files
    );
    let solved: u64 = r.flows.iter().map(|f| f.solved).sum();
    let staff: u64 = r.flows.iter().map(|f| f.handoff + f.asked_staff).sum();
    let _ = write!(
        o,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>sessions</div>\
         <div class=\"card\"><b>{}</b>solved at the kiosk</div>\
         <div class=\"card\"><b>{}</b>sent to staff</div>\
         <div class=\"card\"><b>{}</b>desk visits recorded</div></div>",
        r.sessions,
        pct(solved, r.sessions),
        pct(staff, r.sessions),
        r.desk_rows
    );
}

/// The per flow table.
fn per_flow(o: &mut String, r: &Report) {
    o.push_str("<h2>Per flow</h2><table><tr><th>flow</th><th>sessions</th><th>solved</th><th>handoff</th>\
                <th>asked staff</th><th>gave up</th><th>median time</th><th>desk visits</th><th>desk minutes</th>\
                <th>mean READ</th></tr>");
    for f in &r.flows {
        let d = f.desk.clone().unwrap_or_default();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{:.2}</td></tr>",
            esc(flow_name(&f.flow)),
            f.sessions,
            pct(f.solved, f.sessions),
            pct(f.handoff, f.sessions),
            pct(f.asked_staff, f.sessions),
            pct(f.gave_up(), f.sessions),
            duration(f.median_duration_s),
            d.visits,
            d.minutes,
            d.mean_read
        );
    }
    o.push_str("</table>");
}

/// Funnels and where patrons left, per flow; the endings reached.
fn places(o: &mut String, r: &Report) {
    o.push_str(
        "<h2>Where patrons leave, per flow</h2><p class=\"note\">Left: how many sessions were still \
         in the flow at each screen. Right: the screens where patrons asked for staff, went idle or \
         started over, worst first.</p>",
    );
    for f in r.flows.iter().filter(|f| !f.flow.is_empty()) {
        let funnel: Vec<(String, u64)> =
            f.funnel.iter().enumerate().map(|(i, n)| (format!("screen {}", i + 1), *n)).collect();
        let left: Vec<(String, u64)> = f.left_at.iter().map(|n| (node_label(n), n.total)).collect();
        let _ = write!(
            o,
            "<h3>{}</h3><div class=\"flow\"><div>{}</div><div>{}</div></div>",
            esc(&f.flow),
            bars(&funnel, "#1f5fa8", 460),
            bars(&left, "#c0392b", 460)
        );
    }

    o.push_str("<h2>When: weekday by hour</h2>");
    o.push_str(&heat_map(r));

    o.push_str(
        "<h2>Endings reached</h2><table><tr><th>flow / ending</th><th>solved</th><th>handoff</th></tr>",
    );
    for n in &r.endings {
        let _ = write!(
            o,
            "<tr><td>{} / {}</td><td>{}</td><td>{}</td></tr>",
            esc(flow_name(&n.flow)),
            esc(&n.node),
            n.by_end[End::Solved.index()],
            n.by_end[End::Handoff.index()]
        );
    }
    o.push_str("</table>");
}

/// Languages and accessibility settings.
fn people(o: &mut String, r: &Report) {
    o.push_str("<h2>Languages and accessibility</h2><table><tr><th>language</th><th>sessions</th><th>share</th></tr>");
    for (l, n) in &r.languages {
        let _ = write!(o, "<tr><td>{}</td><td>{n}</td><td>{}</td></tr>", esc(l), pct(*n, r.sessions));
    }
    let a = &r.access;
    let _ = write!(
        o,
        "</table><table><tr><th>setting</th><th>sessions</th><th>share</th></tr>\
         <tr><td>larger text</td><td>{}</td><td>{}</td></tr>\
         <tr><td>high contrast</td><td>{}</td><td>{}</td></tr>\
         <tr><td>both</td><td>{}</td><td>{}</td></tr></table>",
        a.large_text,
        pct(a.large_text, a.sessions),
        a.high_contrast,
        pct(a.high_contrast, a.sessions),
        a.both,
        pct(a.both, a.sessions)
    );
}

/// Desk visits: outcomes, READ levels, work per ending.
fn desk(o: &mut String, r: &Report) {
    let d = &r.desk.all;
    let _ = write!(
        o,
        "<h2>The desk</h2><p>{} desk visits: {} matched to a kiosk session by code, {} not matched.</p>",
        d.visits, r.desk.matched, r.desk.unmatched
    );
    if d.visits > 0 {
        let outcomes: Vec<(String, u64)> =
            DeskOutcome::ALL.iter().map(|x| (outcome_words(*x).to_string(), d.outcome(*x))).collect();
        let read: Vec<(String, u64)> = (1..=6)
            .map(|l| (format!("READ {l}"), d.read[l]))
            .chain(std::iter::once(("none given".to_string(), d.read[0])))
            .collect();
        let _ = write!(
            o,
            "<div class=\"flow\"><div><h3>Outcomes</h3>{}</div><div><h3>READ levels</h3>{}</div></div>",
            bars(&outcomes, "#2e7d32", 420),
            bars(&read, "#6a4c93", 420)
        );
        o.push_str(
            "<h3>Desk work by ending, most minutes first</h3><table><tr><th>flow / ending</th>\
                    <th>visits</th><th>minutes</th><th>mean READ</th><th>resolved</th><th>referred</th>\
                    <th>booked</th><th>could not help</th></tr>",
        );
        for e in &r.desk.endings {
            let _ = write!(
                o,
                "<tr><td>{} / {}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td></tr>",
                esc(flow_name(&e.flow)),
                esc(&e.node),
                e.desk.visits,
                e.desk.minutes,
                e.desk.mean_read,
                e.desk.outcomes[0],
                e.desk.outcomes[1],
                e.desk.outcomes[2],
                e.desk.outcomes[3]
            );
        }
        o.push_str("</table>");
    }
}

/// Rows and files that could not be read.
fn unreadable(o: &mut String, r: &Report) {
    if r.bad_rows > 0 || !r.unreadable_files.is_empty() {
        let _ = write!(o, "<h2>Unreadable rows: {}</h2><ul>", r.bad_rows);
        for b in &r.bad {
            let _ = write!(o, "<li><code>{}</code></li>", esc(b));
        }
        for f in &r.unreadable_files {
            let _ = write!(o, "<li>could not read <code>{}</code></li>", esc(f));
        }
        o.push_str("</ul>");
    }
    o.push_str("</body></html>\n");
}
