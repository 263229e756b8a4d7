//! What the CLI tells the site owner, in one place: every line reads the
//! same ("gazette: …"; a fault that leaves something out "gazette: warning:
//! …"; what stopped a command "gazette: …" from `main`, the only place a
//! command's error is printed). On standard error, so that standard output
//! stays the command's own (a feed written to `-`). A leaf: it imports
//! nothing of the crate.

use std::fmt::Display;

/// What was done, or a choice made for the owner.
pub fn note(message: impl Display) {
    eprintln!("gazette: {message}");
}

/// A fault in the input that was worked around: something is left out or
/// made up, and the owner should know.
pub fn warning(message: impl Display) {
    eprintln!("gazette: warning: {message}");
}

/// A fault that names its own place (`feed.xml:12:5: warning: …`), as
/// compilers print them, so that an editor can jump to it.
pub fn diagnostic(message: impl Display) {
    eprintln!("{message}");
}
