//! Synthetic flow sets, written as RON text, for benchmarks and property
//! tests. They go through the same parser and checker as real files.

use std::fmt::Write as _;

/// The shape of one generated node.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A step to the node at this index.
    Step(usize),
    /// A question with choices to these indexes; a choice may carry the
    /// `colour_printing` flag when its bool is true.
    Question(Vec<(usize, bool)>),
    /// A question whose choices with an alternative carry the
    /// `colour_printing` flag and lead to the alternative (`else_to`) where
    /// the branch lacks it.
    Alt(Vec<(usize, Option<usize>)>),
    /// A solved ending.
    Solved,
    /// A handoff ending.
    Handoff,
    /// A goto into the flow with this id.
    Goto(String),
    /// A goto into the flow with this id, landing at the node at this index.
    Land(String, usize),
}

/// The RON text of one flow made of `shapes` (node `i` gets id `n{i}`;
/// indexes out of range are wrapped onto the list).
pub fn flow_text(id: &str, shapes: &[Shape]) -> String {
    flow_text_with(id, shapes, None)
}

/// [`flow_text`], and with `else_to: Some(k)` a flow that `needs` the
/// `colour_printing` flag and starts at node `n{k}` (its home tile
/// alternative) at a branch without it, such as `small`.
pub fn flow_text_with(id: &str, shapes: &[Shape], else_to: Option<usize>) -> String {
    let len = shapes.len().max(1);
    let alt = else_to.map_or(String::new(), |k| {
        format!("    needs: \"colour_printing\",\n    else_to: \"n{}\",\n", k % len)
    });
    let mut s = format!(
        "Flow(\n    id: \"{id}\",\n    title: {{\"en\": \"Flow {id}\", \"es\": \"Flujo {id}\"}},\n    icon: \"icons/printing.png\",\n    start: \"n0\",\n{alt}    nodes: [\n"
    );
    for (i, shape) in shapes.iter().enumerate() {
        let _ = match shape {
            Shape::Step(to) => writeln!(
                s,
                "        Step(id: \"n{i}\", text: {{\"en\": \"Do step {i} at {{printer}}.\", \"es\": \"Haga el paso {i} en {{printer}}.\"}}, next: \"n{}\"),",
                to % len
            ),
            Shape::Question(choices) => {
                let _ = writeln!(
                    s,
                    "        Question(id: \"n{i}\", text: {{\"en\": \"Question {i}?\", \"es\": \"¿Pregunta {i}?\"}}, choices: ["
                );
                for (k, (to, flagged)) in choices.iter().enumerate() {
                    let when = if *flagged { ", when: \"colour_printing\"" } else { "" };
                    let _ = writeln!(
                        s,
                        "            Choice(label: {{\"en\": \"Answer {k}\", \"es\": \"Respuesta {k}\"}}, to: \"n{}\"{when}),",
                        to % len
                    );
                }
                writeln!(s, "        ]),")
            }
            Shape::Alt(choices) => {
                let _ = writeln!(
                    s,
                    "        Question(id: \"n{i}\", text: {{\"en\": \"Question {i}?\", \"es\": \"¿Pregunta {i}?\"}}, choices: ["
                );
                for (k, (to, alt)) in choices.iter().enumerate() {
                    let when = alt.map_or(String::new(), |a| {
                        format!(", when: \"colour_printing\", else_to: \"n{}\"", a % len)
                    });
                    let _ = writeln!(
                        s,
                        "            Choice(label: {{\"en\": \"Answer {k}\", \"es\": \"Respuesta {k}\"}}, to: \"n{}\"{when}),",
                        to % len
                    );
                }
                writeln!(s, "        ]),")
            }
            Shape::Solved => writeln!(
                s,
                "        Solved(id: \"n{i}\", text: {{\"en\": \"Done {i}.\", \"es\": \"Listo {i}.\"}}),"
            ),
            Shape::Handoff => writeln!(
                s,
                "        Handoff(id: \"n{i}\", reason: {{\"en\": \"Staff can help.\", \"es\": \"El personal le ayuda.\"}}, note: \"Case {i}.\", policy: Policy(firmness: Flexible, text: \"One-time exception allowed.\")),"
            ),
            Shape::Goto(flow) => writeln!(s, "        Goto(id: \"n{i}\", flow: \"{flow}\"),"),
            Shape::Land(flow, to) => {
                writeln!(s, "        Goto(id: \"n{i}\", flow: \"{flow}\", node: \"n{}\"),", to % len)
            }
        };
    }
    s.push_str("    ],\n)\n");
    s
}

/// The shared files every synthetic set needs: manifest, two branches and
/// the kiosk words in English and Spanish (the real default words).
pub fn common_files() -> Vec<(String, String)> {
    let manifest = "FlowSet(name: \"synthetic\", languages: [\"en\", \"es\"], flags: {\"colour_printing\": \"colour\"}, vars: {\"printer\": \"printer\", \"help_desk\": \"desk\"})";
    let big = "Branch(id: \"big\", name: \"Big\", vars: {\"printer\": \"P1\", \"help_desk\": \"the desk\"}, flags: [\"colour_printing\"])";
    let small =
        "Branch(id: \"small\", name: \"Small\", vars: {\"printer\": \"P2\", \"help_desk\": \"the desk\"})";
    let mut files = vec![
        ("flowset.ron".to_string(), manifest.to_string()),
        ("branches/big.ron".to_string(), big.to_string()),
        ("branches/small.ron".to_string(), small.to_string()),
    ];
    for (name, text) in super::load::BUILTIN_FLOWS {
        if name.starts_with("words/") {
            files.push(((*name).to_string(), (*text).to_string()));
        }
    }
    files
}

/// A valid flow set of about `total_nodes` nodes in flows of `per_flow`
/// nodes: each flow is a chain of questions and steps that moves forward, with
/// one loop back per ten nodes, ending in solved and handoff endings.
pub fn flow_set(total_nodes: usize, per_flow: usize) -> Vec<(String, String)> {
    let per_flow = per_flow.max(4);
    let flows = total_nodes.div_ceil(per_flow).max(1);
    let mut files = common_files();
    for f in 0..flows {
        let shapes: Vec<Shape> = (0..per_flow)
            .map(|i| match i {
                _ if i == per_flow - 1 => Shape::Solved,
                _ if i == per_flow - 2 => Shape::Handoff,
                _ if i % 3 == 0 => Shape::Step(i + 1),
                _ => {
                    let mut choices = vec![(i + 1, false), (per_flow - 1, false)];
                    if i % 10 == 4 {
                        choices.push((i - 3, true));
                    }
                    Shape::Question(choices)
                }
            })
            .collect();
        files.push((format!("f{f}.ron"), flow_text(&format!("f{f}"), &shapes)));
    }
    files
}

/// A valid flow set of `flows` flows joined in a chain by gotos: flow `g{i}`
/// asks one question whose first answer goes on to `g{i+1}` and whose second
/// is solved; the last flow ends at a handoff instead. A patron can walk the
/// whole chain, which is what makes goto analysis cost more than per flow.
pub fn goto_chain(flows: usize) -> Vec<(String, String)> {
    let flows = flows.max(1);
    let mut files = common_files();
    for f in 0..flows {
        let onward = if f + 1 < flows { Shape::Goto(format!("g{}", f + 1)) } else { Shape::Handoff };
        let shapes = [Shape::Question(vec![(1, false), (2, false)]), onward, Shape::Solved];
        files.push((format!("g{f}.ron"), flow_text(&format!("g{f}"), &shapes)));
    }
    files
}

/// A valid flow set of `flows` flows that each start with a goto to the
/// next, except the last, which asks one question: no screen until the end
/// of the chain, the case the goto-loop check follows furthest.
pub fn start_goto_chain(flows: usize) -> Vec<(String, String)> {
    let flows = flows.max(1);
    let mut files = common_files();
    for f in 0..flows {
        let shapes = if f + 1 < flows {
            vec![Shape::Goto(format!("s{}", f + 1))]
        } else {
            vec![Shape::Question(vec![(1, false), (2, false)]), Shape::Solved, Shape::Handoff]
        };
        files.push((format!("s{f}.ron"), flow_text(&format!("s{f}"), &shapes)));
    }
    files
}
