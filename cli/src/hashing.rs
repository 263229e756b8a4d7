//! The hash that names files by their content (the loader, the photos'
//! sized copies, the build). A leaf: it imports nothing of the crate.

/// FNV-1a, 64 bits: the same bytes, the same number, on every machine.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}
