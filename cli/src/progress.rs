//! A progress bar on standard error, drawn only on a terminal.

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    drawn_at: Option<Instant>,
    terminal: bool,
}

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Progress {
        Progress {
            label,
            total,
            done: 0,
            drawn_at: None,
            terminal: std::io::stderr().is_terminal() && total >= 1000,
        }
    }

    pub fn advance(&mut self) {
        self.done += 1;
        if !self.terminal {
            return;
        }
        // Redrawing every step would cost more than the work on fast disks.
        if self.drawn_at.is_some_and(|t| t.elapsed().as_millis() < 80) && self.done < self.total {
            return;
        }
        self.drawn_at = Some(Instant::now());
        let width = 30;
        let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
        eprint!(
            "\r{} [{}{}] {}/{}",
            self.label,
            "=".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total
        );
        let _ = std::io::stderr().flush();
    }

    pub fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
