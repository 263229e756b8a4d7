//! A progress bar on standard error (indicatif), for the long steps of a
//! large archive; drawn only on a terminal, and only for a thousand steps or
//! more, where it tells the owner something.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress(ProgressBar);

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Progress {
        Progress::with_threshold(label, total, 1000)
    }

    /// A bar drawn from `threshold` steps up: fewer for steps that each take long.
    pub fn with_threshold(label: &'static str, total: usize, threshold: usize) -> Progress {
        let target = if total >= threshold {
            // Hidden by indicatif itself when standard error is not a terminal.
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label);
        Progress(bar)
    }

    pub fn advance(&self) {
        self.0.inc(1);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
