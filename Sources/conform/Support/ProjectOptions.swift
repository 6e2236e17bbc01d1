import ArgumentParser

/// The options of every command that reads the project's data: where the checkout with
/// `Fixtures/` and `Schemas/` is.
struct ProjectOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The directory holding Fixtures/ and Schemas/.",
            discussion:
                "Default: CONFORM_HOME, else the current directory or a parent, else the executable's directory or a parent.",
            valueName: "dir"))
    var root: String?

    func layout() throws(CommandFailure) -> ProjectLayout {
        try ProjectLayout.locate(explicitRoot: root)
    }
}
