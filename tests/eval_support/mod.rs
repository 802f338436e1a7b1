//! Finding `../shared/realgold` (score.py, common.py) for the cross-checks that need it.

use std::path::PathBuf;
use std::process::Command;

/// `$PARACLEAN_REALGOLD`, else `shared/realgold` next to the project or next to one of its parent
/// directories (a worktree under `wt/` sits one level deeper than the main checkout). `None`, with
/// a note on stderr, when it is not there or `python3` cannot run: the test then checks nothing.
pub fn realgold() -> Option<PathBuf> {
    let found = std::env::var_os("PARACLEAN_REALGOLD")
        .map(PathBuf::from)
        .or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .skip(1)
                .map(|a| a.join("shared/realgold"))
                .find(|p| p.join("score.py").is_file())
        });
    let Some(dir) = found.filter(|d| d.join("score.py").is_file()) else {
        eprintln!("note: ../shared/realgold not found (set PARACLEAN_REALGOLD); skipping the score.py cross-check");
        return None;
    };
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("note: python3 cannot run; skipping the score.py cross-check");
        return None;
    }
    Some(dir)
}
