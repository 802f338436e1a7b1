//! Levenshtein distance in O(⌈m/64⌉·n) word operations: Myers' bit-parallel algorithm in Hyyrö's
//! block form. The dynamic-programming matrix is kept as bit vectors of its vertical deltas, 64 rows
//! per machine word, so a 3,000-char block costs 47 words per column instead of 3,000 cells.
//!
//! References: G. Myers, "A fast bit-vector algorithm for approximate string matching based on
//! dynamic programming" (J. ACM 1999); H. Hyyrö, "A bit-vector algorithm for computing Levenshtein
//! and Damerau edit distances" (Nordic J. Computing 2003). Tested against `strsim` below.

use rustc_hash::FxHashMap;

/// Levenshtein distance between two char sequences (insertions, deletions, substitutions, each 1).
pub fn distance(a: &[char], b: &[char]) -> usize {
    // The pattern (one bit per row) is the shorter sequence: fewer words per column.
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    let words = m.div_ceil(64);
    // For each char of the pattern, the rows where it stands.
    let mut peq: FxHashMap<char, Vec<u64>> = FxHashMap::default();
    for (row, &c) in pattern.iter().enumerate() {
        peq.entry(c).or_insert_with(|| vec![0; words])[row / 64] |= 1 << (row % 64);
    }
    let zero = vec![0u64; words];
    // Vertical deltas of the current column: +1 rows in `pv`, -1 rows in `mv`. Column 0 is 0,1,2,…
    let mut pv = vec![!0u64; words];
    let mut mv = vec![0u64; words];
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for c in text {
        let eq = peq.get(c).unwrap_or(&zero);
        // Row 0 of every column is one more than the column before: a +1 enters the first word.
        let mut carry_in: i8 = 1;
        for w in 0..words {
            let high = if w + 1 == words { last_bit } else { 1 << 63 };
            let (h, p, n) = advance_block(pv[w], mv[w], eq[w], carry_in, high);
            pv[w] = p;
            mv[w] = n;
            carry_in = h;
        }
        // The horizontal delta out of the last row is the change of the distance.
        score = (score as isize + carry_in as isize) as usize;
    }
    score
}

/// One 64-row block of one column. `hin` is the horizontal delta entering the block's top row
/// (+1, 0, −1); returns the delta leaving the row marked by `high`, and the block's new vertical
/// deltas.
#[inline]
fn advance_block(pv: u64, mv: u64, eq: u64, hin: i8, high: u64) -> (i8, u64, u64) {
    let xv = eq | mv;
    let eq = if hin < 0 { eq | 1 } else { eq };
    let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
    let mut ph = mv | !(xh | pv);
    let mut mh = pv & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if hin < 0 {
        mh |= 1;
    } else if hin > 0 {
        ph |= 1;
    }
    let pv = mh | !(xv | ph);
    let mv = ph & xv;
    (hout, pv, mv)
}

/// `1 − distance / longer length`: 1.0 for equal sequences.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - distance(a, b) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn reference(a: &[char], b: &[char]) -> usize {
        strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
    }

    #[test]
    fn small_cases() {
        for (a, b, d) in [
            ("", "", 0),
            ("", "abc", 3),
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("동맹군 결집", "동맹 결집하는", 3),
            ("abc", "abc", 0),
        ] {
            assert_eq!(distance(&chars(a), &chars(b)), d, "{a} / {b}");
            assert_eq!(distance(&chars(b), &chars(a)), d, "{b} / {a}");
        }
    }

    #[test]
    fn block_boundaries() {
        // Patterns of 63, 64, 65, 128 and 129 rows exercise the carry between words.
        for m in [63usize, 64, 65, 127, 128, 129, 300] {
            let a: Vec<char> = (0..m)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let mut b = a.clone();
            b.remove(m / 2);
            b.insert(m / 3, 'Z');
            b[m - 5] = 'Q';
            assert_eq!(distance(&a, &b), reference(&a, &b), "m = {m}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_strsim(a in "[abc가나 ]{0,150}", b in "[abc가나 ]{0,150}") {
            let (a, b) = (chars(&a), chars(&b));
            prop_assert_eq!(distance(&a, &b), reference(&a, &b));
        }

        #[test]
        fn agrees_with_strsim_on_near_copies(
            base in "[a-z가-힣0-9]{50,400}",
            edits in proptest::collection::vec((0usize..400, 0u8..3, "[a-z가]"), 0..12),
        ) {
            let a = chars(&base);
            let mut b = a.clone();
            for (at, op, c) in edits {
                let c = c.chars().next().unwrap();
                let at = at % (b.len() + 1);
                match op {
                    0 => b.insert(at, c),
                    1 if at < b.len() => { b.remove(at); }
                    _ if at < b.len() => b[at] = c,
                    _ => {}
                }
            }
            prop_assert_eq!(distance(&a, &b), reference(&a, &b));
        }
    }
}
