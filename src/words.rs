//! English for lists in one line: the first few items and "and N more", so a release of 300
//! crates or a rule shared by 40 members still prints readable lines.

/// How many items a line names before "and N more".
const NAMED_IN_A_LINE: usize = 3;

/// Whether [`summary`] leaves some of `count` items unnamed.
pub fn shortened(count: usize) -> bool {
    count > NAMED_IN_A_LINE + 1
}

/// `items` joined with ", ", or the first few and "and N more".
pub fn summary(items: &[String]) -> String {
    if !shortened(items.len()) {
        return items.join(", ");
    }
    format!(
        "{} and {} more",
        items[..NAMED_IN_A_LINE].join(", "),
        items.len() - NAMED_IN_A_LINE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_are_named_and_the_rest_counted() {
        let items: Vec<String> = (0..6).map(|i| format!("c{i}")).collect();
        assert_eq!(summary(&items[..4]), "c0, c1, c2, c3");
        assert_eq!(summary(&items), "c0, c1, c2 and 3 more");
        assert_eq!(summary(&[]), "");
    }
}
