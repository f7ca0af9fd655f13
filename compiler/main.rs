//! The `schemac` binary: parse arguments, run one command, exit with its code.

fn main() -> std::process::ExitCode {
    schemac::cli::main()
}
