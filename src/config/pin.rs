//! The staff PIN: hashing it for `kiosk.ron`, checking a typed PIN, and the
//! cost window a hash must lie in (a hash's costs come from the file, so a
//! kiosk never runs one it has not bounded).

/// The Argon2 cost window a staff PIN hash must lie in: memory in KiB, passes
/// and lanes. Weaker hashes give a PIN away to anyone who copies kiosk.ron;
/// heavier ones make every PIN typed allocate gigabytes (or abort the kiosk).
/// `hash-pin` makes hashes with Argon2's defaults (19 MiB, 2 passes, 1 lane).
pub const PIN_HASH_WINDOW: PinHashWindow =
    PinHashWindow { memory_kib: (8 * 1024, 256 * 1024), passes: (1, 10), lanes: (1, 8) };

/// See [`PIN_HASH_WINDOW`].
#[derive(Clone, Copy, Debug)]
pub struct PinHashWindow {
    /// Memory cost, KiB.
    pub memory_kib: (u32, u32),
    /// Passes (time cost).
    pub passes: (u32, u32),
    /// Lanes (parallelism).
    pub lanes: (u32, u32),
}

/// Whether a PIN hash can be used: an Argon2 PHC string with costs inside
/// [`PIN_HASH_WINDOW`]. The reason, worded to follow "`staff_pin_hash`", when not.
pub fn pin_hash_usable(hash: &str) -> Result<(), String> {
    use argon2::password_hash::PasswordHash;
    let parsed = PasswordHash::new(hash).map_err(|_| "is not a PIN hash".to_string())?;
    if !matches!(parsed.algorithm.as_str(), "argon2id" | "argon2i" | "argon2d") {
        return Err(format!("uses `{}`, not Argon2", parsed.algorithm.as_str()));
    }
    if parsed.hash.is_none() || parsed.salt.is_none() {
        return Err("has no salt or no hash part".to_string());
    }
    let params = argon2::Params::try_from(&parsed).map_err(|e| format!("has unusable parameters ({e})"))?;
    let w = PIN_HASH_WINDOW;
    let inside = |v: u32, (lo, hi): (u32, u32)| (lo..=hi).contains(&v);
    if !inside(params.m_cost(), w.memory_kib) {
        return Err(format!(
            "asks for {} KiB of memory, outside {}..={} KiB",
            params.m_cost(),
            w.memory_kib.0,
            w.memory_kib.1
        ));
    }
    if !inside(params.t_cost(), w.passes) {
        return Err(format!("asks for {} passes, outside {}..={}", params.t_cost(), w.passes.0, w.passes.1));
    }
    if !inside(params.p_cost(), w.lanes) {
        return Err(format!("asks for {} lanes, outside {}..={}", params.p_cost(), w.lanes.0, w.lanes.1));
    }
    Ok(())
}

/// Hashes a staff PIN for `kiosk.ron` (salted Argon2id).
pub fn hash_pin(pin: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default().hash_password(pin.as_bytes(), &salt).map(|h| h.to_string())
}

/// Whether `pin` matches a hash made by [`hash_pin`]. A malformed hash
/// matches nothing.
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    // A hash outside the cost window is never run: its costs come from the
    // file, and a heavy one would allocate without bound.
    if pin_hash_usable(hash).is_err() {
        return false;
    }
    PasswordHash::new(hash)
        .is_ok_and(|h| argon2::Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}
