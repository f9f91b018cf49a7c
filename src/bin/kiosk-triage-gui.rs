//! `kiosk-triage-gui`: the same program as `kiosk-triage`, built as a Windows
//! GUI program, so that Windows opens no console window beside the kiosk
//! (Shell Launcher and the Start menu start this one; IT use `kiosk-triage`
//! in a terminal). Elsewhere the attribute does nothing.

#![windows_subsystem = "windows"]

fn main() -> std::process::ExitCode {
    kiosk_triage::entry::main()
}
