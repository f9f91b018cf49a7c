//! What a kiosk runs after `base:` inheritance, `flowset.ron`'s `defaults`
//! and a flow's `needs`: the checked model, not only the diagnostics.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::load::parse;

const FLOWSET: &str = r#"FlowSet(name: "T", languages: ["en"],
    flags: {"scanner": "A scanner.", "colour": "A colour copier."},
    vars: {"help_desk": "Desk.", "copy_price": "Price.", "copier": "Copier.", "scanner_where": "Scanner."},
    defaults: {"copy_price": "$0.10", "copier": "the copier"})"#;

const COPYING: &str = r#"Flow(id: "copying", title: {"en": "Copy"}, icon: "i.png", start: "a", nodes: [
    Question(id: "a", text: {"en": "Kind?"}, choices: [
        Choice(label: {"en": "Plain"}, to: "b"),
        Choice(label: {"en": "Colour"}, to: "b", when: "colour"),
    ]),
    Solved(id: "b", text: {"en": "Pay {copy_price} at {copier}."}),
])"#;

const SCANNING: &str = r#"Flow(id: "scanning", title: {"en": "Scan"}, icon: "i.png", start: "a", needs: "scanner",
    nodes: [Solved(id: "a", text: {"en": "Go to {scanner_where}."})])"#;

const WORDS: &str = include_str!("../../flows/words/en.ron");

#[test]
fn branches_inherit_from_their_base_and_the_defaults() {
    let county = r#"Branch(id: "county", name: "County", base_only: true,
        vars: {"help_desk": "the county desk", "copier": "the county copier"},
        flags: ["colour"],
        overrides: [Override(flow: "copying", node: "b", text: {"en": "County: {copy_price}."})])"#;
    let east = r#"Branch(id: "east", name: "East", base: "county", vars: {"copy_price": "$0.15"})"#;
    let west = r#"Branch(id: "west", name: "West", base: "county", flags: ["scanner"],
        vars: {"scanner_where": "the back room"}, overrides: [])"#;
    let files = [
        ("flowset.ron", FLOWSET),
        ("copying.ron", COPYING),
        ("scanning.ron", SCANNING),
        ("branches/county.ron", county),
        ("branches/east.ron", east),
        ("branches/west.ron", west),
        ("words/en.ron", WORDS),
    ];
    let report = parse(&files, &|_| true, None);
    assert_eq!(report.errors() + report.warnings(), 0, "{:?}", report.diagnostics);
    let set = report.set.unwrap();
    // The base-only file is no branch of its own.
    let ids: Vec<&str> = set.branches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["east", "west"]);
    let (east, west) = (set.branch("east").unwrap(), set.branch("west").unwrap());
    let copying = set.flow_index("copying").unwrap();
    // East: its own price, the base's override and flags; west: the base's
    // override (an empty list given replaces nothing for overrides: they
    // merge node by node), the default price.
    assert_eq!(set.node_text(copying, 1, "en", east).plain(), "County: $0.15.");
    assert_eq!(set.node_text(copying, 1, "en", west).plain(), "County: $0.10.");
    assert!(east.flags.contains("colour"));
    // A list given replaces the base's: west has the scanner, not colour.
    assert!(west.flags.contains("scanner") && !west.flags.contains("colour"));
    // `needs`: scanning is hidden where the scanner flag is missing.
    let scanning = set.flow_index("scanning").unwrap();
    assert!(east.hidden.contains(&scanning));
    assert!(!west.hidden.contains(&scanning));
    assert!(set.why_hidden(scanning, east).unwrap().contains("needs flag `scanner`"));
    assert_eq!(set.node_text(scanning, 0, "en", west).plain(), "Go to the back room.");
}
