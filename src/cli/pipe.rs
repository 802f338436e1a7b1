//! A closed pipe (`paraclean rules | head -1`) ends a command quietly, as it does for other Unix
//! tools: no message, exit 0, and no temporary files left (they are removed as the stack unwinds).

use std::io;

/// Whether an error comes from writing to a reader that went away.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `println!` panics when stdout is a closed pipe. This hook keeps that panic silent, so that
/// `main` can catch it and exit quietly; every other panic is reported as usual.
pub fn quiet_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_closed_pipe_panic(info.payload()) {
            default(info);
        }
    }));
}

/// The payload `print!`/`println!` panic with on a write error to a closed stdout.
pub fn is_closed_pipe_panic(payload: &(dyn std::any::Any + Send)) -> bool {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    message.starts_with("failed printing to stdout") && message.contains("Broken pipe")
}
