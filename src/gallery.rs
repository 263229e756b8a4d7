//! What the photo viewer does, as pure rules: which photo a key or a URL
//! means, and where a move lands. The component applies them to the DOM.

/// Something the reader asks the viewer to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewerAction {
    Open(usize),
    Next,
    Previous,
    First,
    Last,
    Close,
}

impl ViewerAction {
    /// The action of a key (`KeyboardEvent.key`), if the viewer has one for
    /// it. The arrows follow the reading direction: in a right-to-left page
    /// the next photo is to the left.
    pub fn from_key(key: &str, rtl: bool) -> Option<ViewerAction> {
        let (right, left) = if rtl {
            (ViewerAction::Previous, ViewerAction::Next)
        } else {
            (ViewerAction::Next, ViewerAction::Previous)
        };
        Some(match key {
            "ArrowRight" | "Right" => right,
            "ArrowLeft" | "Left" => left,
            "Home" => ViewerAction::First,
            "End" => ViewerAction::Last,
            "Escape" | "Esc" => ViewerAction::Close,
            _ => return None,
        })
    }
}

/// Where `action` takes a viewer showing photo `current` (none: closed) of
/// `count`. Moves stop at either end rather than wrapping, so the position
/// ("5 / 5") always means the same thing.
pub fn apply(current: Option<usize>, count: usize, action: ViewerAction) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let last = count - 1;
    match (action, current) {
        (ViewerAction::Open(i), _) => Some(i.min(last)),
        (ViewerAction::Close, _) | (_, None) => None,
        (ViewerAction::Next, Some(i)) => Some((i + 1).min(last)),
        (ViewerAction::Previous, Some(i)) => Some(i.saturating_sub(1)),
        (ViewerAction::First, Some(_)) => Some(0),
        (ViewerAction::Last, Some(_)) => Some(last),
    }
}

/// The URL fragment of photo `index` (counted from 0): `#photo-1` is the first.
pub fn fragment(index: usize) -> String {
    format!("#photo-{}", index + 1)
}

/// The photo a URL fragment names, if it names one of `count`.
pub fn index_from_fragment(fragment: &str, count: usize) -> Option<usize> {
    let number: usize = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix("photo-")?
        .parse()
        .ok()?;
    (1..=count).contains(&number).then(|| number - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ViewerAction::*;

    #[test]
    fn moves_stop_at_the_ends() {
        assert_eq!(apply(Some(0), 5, Next), Some(1));
        assert_eq!(apply(Some(4), 5, Next), Some(4));
        assert_eq!(apply(Some(0), 5, Previous), Some(0));
        assert_eq!(apply(Some(2), 5, First), Some(0));
        assert_eq!(apply(Some(2), 5, Last), Some(4));
        assert_eq!(apply(Some(2), 5, Close), None);
        assert_eq!(apply(None, 5, Next), None, "a closed viewer stays closed");
        assert_eq!(apply(None, 5, Open(9)), Some(4));
        assert_eq!(apply(None, 0, Open(0)), None, "no photos, no viewer");
    }

    #[test]
    fn keys() {
        assert_eq!(ViewerAction::from_key("ArrowRight", false), Some(Next));
        assert_eq!(ViewerAction::from_key("ArrowLeft", false), Some(Previous));
        assert_eq!(ViewerAction::from_key("ArrowRight", true), Some(Previous));
        assert_eq!(ViewerAction::from_key("ArrowLeft", true), Some(Next));
        assert_eq!(ViewerAction::from_key("Home", true), Some(First));
        assert_eq!(ViewerAction::from_key("End", false), Some(Last));
        assert_eq!(ViewerAction::from_key("Escape", false), Some(Close));
        assert_eq!(ViewerAction::from_key("a", false), None);
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment(0), "#photo-1");
        assert_eq!(index_from_fragment("#photo-3", 5), Some(2));
        assert_eq!(index_from_fragment("photo-5", 5), Some(4));
        assert_eq!(index_from_fragment("#photo-6", 5), None);
        assert_eq!(index_from_fragment("#photo-0", 5), None);
        assert_eq!(index_from_fragment("#photo-x", 5), None);
        assert_eq!(index_from_fragment("#main", 5), None);
    }
}
