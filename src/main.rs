//! `kiosk-triage`: the console program (commands print in a terminal; with
//! no command, the kiosk starts). See `entry.rs`.

fn main() -> std::process::ExitCode {
    kiosk_triage::entry::main()
}
