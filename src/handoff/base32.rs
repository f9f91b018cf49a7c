//! Crockford base32 with a check character that catches every single wrong
//! character and every swap of two neighbours.
//!
//! The check is a weighted sum over GF(32): character `i` from the right
//! (the check itself is position 0) is multiplied by `α^i`, where `α` is a
//! primitive element, and the sum must be zero. A wrong character changes the
//! sum by `e·α^i ≠ 0`; swapping neighbours `a ≠ b` changes it by
//! `(a+b)(α^i+α^(i+1)) ≠ 0`. Weights repeat only after 31 positions, far
//! beyond any code.
//!
//! The length is part of what is checked: codes are written without leading
//! zeros (as numbers are), so a code whose first character is `0` is refused
//! unless it is the one-digit code of the value 0. That closes the two ways
//! a dropped or added character used to pass for certain: a `0` typed in
//! front (same value, same check) and, together with the weights, dropping
//! the first character (the rest sums to `x·α^(n-1) ≠ 0`). Every other single
//! deletion or insertion passes the check only by chance, about 1 in 32 as
//! for any one check character (for each place a character is added, exactly
//! one of the 32 symbols fits the check, since every substitution is caught),
//! and then must still be a path through the flows with the right version
//! tag. `tests/handoff.rs` measures it over every default code.

/// The 32 symbols, in value order.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The most characters a code may have, check included.
pub const MAX_LEN: usize = 26;

/// Why a typed code was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Nothing was typed.
    Empty,
    /// Too few characters to be a code.
    TooShort,
    /// More characters than any code has.
    TooLong,
    /// A character that is not in codes (1-based position among the code's
    /// characters).
    BadChar {
        /// The character.
        ch: char,
        /// Where.
        at: usize,
    },
    /// The check character does not match, or the code starts with a `0`
    /// no code has: a character is wrong, missing or extra, or two are
    /// swapped.
    BadCheck,
}

/// Multiplication in GF(32) modulo x^5 + x^2 + 1.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0;
    while b > 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0x20 != 0 {
            a ^= 0x25;
        }
    }
    r
}

/// The weighted sum of `digits` (leftmost first), the last one having
/// weight `α^first_weight`.
fn weighted_sum(digits: &[u8], first_weight: usize) -> u8 {
    let mut weight = 1u8;
    for _ in 0..first_weight {
        weight = gf_mul(weight, 2);
    }
    let mut sum = 0u8;
    for &d in digits.iter().rev() {
        sum ^= gf_mul(d, weight);
        weight = gf_mul(weight, 2);
    }
    sum
}

/// The digits of `value` in base 32, most significant first (at least one).
fn digits_of(mut value: u128) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        out.push((value % 32) as u8);
        value /= 32;
        if value == 0 {
            break;
        }
    }
    out.reverse();
    out
}

/// `value` as code characters with the check character last, ungrouped.
pub fn encode(value: u128) -> String {
    let mut digits = digits_of(value);
    let check = weighted_sum(&digits, 1);
    digits.push(check);
    digits.iter().map(|&d| ALPHABET[d as usize] as char).collect()
}

/// The code in groups of three or four for reading aloud: `K7Q2-9XF3`,
/// `K7Q-29X-F3A`.
pub fn group(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let n = chars.len();
    let groups = if n <= 4 { 1 } else { n.div_ceil(4) };
    let base = n / groups;
    let extra = n % groups;
    let mut out = String::new();
    let mut at = 0;
    for g in 0..groups {
        let len = base + usize::from(g < extra);
        if g > 0 {
            out.push('-');
        }
        out.extend(&chars[at..at + len]);
        at += len;
    }
    out
}

/// Reads a typed or scanned code: any case, `O` as 0, `I` and `L` as 1,
/// spaces and hyphens ignored. Returns the value when the check matches.
pub fn decode(input: &str) -> Result<u128, CodeError> {
    let mut digits = Vec::new();
    for ch in input.chars() {
        if ch == '-' || ch.is_whitespace() {
            continue;
        }
        let up = ch.to_ascii_uppercase();
        let up = match up {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        let Some(d) = ALPHABET.iter().position(|&a| a as char == up) else {
            return Err(CodeError::BadChar { ch, at: digits.len() + 1 });
        };
        digits.push(d as u8);
        if digits.len() > MAX_LEN {
            return Err(CodeError::TooLong);
        }
    }
    match digits.len() {
        0 => return Err(CodeError::Empty),
        1 => return Err(CodeError::TooShort),
        _ => {}
    }
    // Codes never start with a zero (except the value 0 itself): a leading
    // `0` is a character typed in excess, and the check alone cannot see it.
    if digits.len() > 2 && digits[0] == 0 {
        return Err(CodeError::BadCheck);
    }
    if weighted_sum(&digits, 0) != 0 {
        return Err(CodeError::BadCheck);
    }
    let data = &digits[..digits.len() - 1];
    // 25 base-32 digits hold 125 bits: no overflow below MAX_LEN.
    Ok(data.iter().fold(0u128, |v, &d| v * 32 + u128::from(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_forgives_how_it_is_typed() {
        for v in [0u128, 1, 31, 32, 1_000_000, u128::from(u64::MAX), (1u128 << 120) + 12345] {
            let code = encode(v);
            assert_eq!(decode(&code), Ok(v), "{code}");
            assert_eq!(decode(&group(&code).to_lowercase()), Ok(v));
        }
        let code = encode(0x0123_4567);
        let sloppy = code.replace('0', "o").replace('1', "L");
        assert_eq!(decode(&format!(" {} ", sloppy)), Ok(0x0123_4567));
    }

    #[test]
    fn catches_every_single_error_and_every_neighbour_swap() {
        for v in [7u128, 123_456_789, 0xdead_beef_cafe, u128::from(u64::MAX)] {
            let code: Vec<u8> = encode(v).into_bytes();
            for i in 0..code.len() {
                for &sym in ALPHABET {
                    if sym == code[i] {
                        continue;
                    }
                    let mut bad = code.clone();
                    bad[i] = sym;
                    let bad = String::from_utf8(bad).unwrap();
                    assert_eq!(decode(&bad), Err(CodeError::BadCheck), "{bad}");
                }
                if i + 1 < code.len() && code[i] != code[i + 1] {
                    let mut swapped = code.clone();
                    swapped.swap(i, i + 1);
                    let swapped = String::from_utf8(swapped).unwrap();
                    assert_eq!(decode(&swapped), Err(CodeError::BadCheck), "{swapped}");
                }
            }
        }
    }

    #[test]
    fn a_dropped_first_character_or_an_added_leading_zero_never_passes() {
        for v in [33u128, 123_456_789, 0xdead_beef_cafe, u128::from(u64::MAX), 1u128 << 100] {
            let code = encode(v);
            assert!(!code.starts_with('0'), "{code}");
            assert_eq!(decode(&format!("0{code}")), Err(CodeError::BadCheck), "0{code}");
            assert_eq!(decode(&format!("o-{code}")), Err(CodeError::BadCheck), "o-{code}");
            assert_eq!(decode(&code[1..]), Err(CodeError::BadCheck), "{}", &code[1..]);
        }
        // The value 0 is the one code written with a zero.
        assert_eq!(decode(&encode(0)), Ok(0));
    }

    #[test]
    fn groups_for_reading_aloud() {
        assert_eq!(group("K7Q29XF3"), "K7Q2-9XF3");
        assert_eq!(group("K7Q29XF3A"), "K7Q-29X-F3A");
        assert_eq!(group("ABCDEFGHJK"), "ABCD-EFG-HJK");
        assert_eq!(group("ABCD"), "ABCD");
    }

    #[test]
    fn explains_what_is_wrong() {
        assert_eq!(decode(" - "), Err(CodeError::Empty));
        assert_eq!(decode("7"), Err(CodeError::TooShort));
        assert_eq!(decode("K7U2"), Err(CodeError::BadChar { ch: 'U', at: 3 }));
        assert_eq!(decode(&"1".repeat(30)), Err(CodeError::TooLong));
    }
}
