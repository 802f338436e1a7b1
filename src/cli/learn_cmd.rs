//! `paraclean learn`: count per-source block keys and shapes into a mergeable table.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct LearnArgs {
    /// Inputs (files, directories, `-`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: LearnArgs) -> Result<ExitCode> {
    Err(super::usage("learn is not built yet"))
}
