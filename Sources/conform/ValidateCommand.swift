import ArgumentParser
import ConformJSON
import ConformSchema

/// `conform validate`: validate JSON files against a schema from Schemas/ or a schema file.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON files against a schema from Schemas/ or a schema file.",
        discussion: """
            Each file is parsed strictly (duplicate keys, invalid UTF-8 and trailing data are errors) and \
            validated against a JSON Schema draft 2020-12 schema. Violations are printed one per line with \
            the JSON pointer of the offending value, a message and the failing keyword's schema location.

            Exit codes: 0 every file is valid, 1 some file is invalid, 2 a file could not be read or is not \
            JSON, or the schema is unknown or broken.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A schema name from Schemas/ (e.g. jina/rerank-response) or the path of a schema file.",
            valueName: "name|path"))
    var schema: String

    @Flag(name: .long, help: "Print a JSON document with each file's status and violations instead of text.")
    var json = false

    @Argument(help: ArgumentHelp("The JSON files to validate; - reads standard input.", valueName: "file"))
    var files: [String]

    func run() async throws {
        let compiled = try SchemaSelection.resolve(schema, project: project)
        let summary = ValidationSummary(schemaName: compiled.name, results: FileValidation(schema: compiled).validate(files))
        StandardOutput.write(json ? summary.json.serializedString(.pretty) + "\n" : summary.text)
        if summary.exitCode != 0 {
            throw CommandFailure(message: summary.failureMessage, exitCode: summary.exitCode)
        }
    }
}
