//! The `schemac` binary: parse arguments, run one command, exit with its code.

// The compiler allocates many small nodes (YAML trees, models); mimalloc
// handles that load, across threads, markedly faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    schemac::cli::main()
}
