import ConformJSON
import ConformSchema
import Foundation

// Times ConformSchema on one instance: parse + validate, and validate alone, each the median of
// RUNS runs after one warm-up, with the input already in memory. A schema inside a Schemas/
// folder is taken from that catalog, so its cross-file references resolve. Prints JSON.

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3, let runs = Int(arguments[2]), runs > 0 else {
    FileHandle.standardError.write(Data("usage: schema-bench SCHEMA_FILE INSTANCE_FILE RUNS\n".utf8))
    exit(2)
}
let schemaFile = URL(filePath: arguments[0]).standardizedFileURL
let instanceBytes = Array(try Data(contentsOf: URL(filePath: arguments[1])))

let schema: CompiledSchema
var catalogDirectory = schemaFile.deletingLastPathComponent()
while catalogDirectory.lastPathComponent != "Schemas" && catalogDirectory.path != "/" {
    catalogDirectory = catalogDirectory.deletingLastPathComponent()
}
if catalogDirectory.lastPathComponent == "Schemas" {
    schema = try SchemaCatalog(directory: catalogDirectory).schema(atPath: schemaFile.path)
} else {
    schema = try CompiledSchema(json: JSON(parsing: Array(try Data(contentsOf: schemaFile))), baseURI: schemaFile.absoluteString)
}

func medianMilliseconds(_ action: () throws -> Void) rethrows -> Double {
    try action()
    var timings: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let elapsed = try clock.measure(action)
        timings.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    timings.sort()
    return timings.count.isMultiple(of: 2)
        ? (timings[timings.count / 2 - 1] + timings[timings.count / 2]) / 2 : timings[timings.count / 2]
}

let instance = try JSON(parsing: instanceBytes)
let violations = schema.validate(instance)
guard violations.isEmpty else {
    FileHandle.standardError.write(Data("schema-bench: the instance is not valid: \(violations[0])\n".utf8))
    exit(1)
}
var sink = 0
let parse = try medianMilliseconds { sink &+= try JSON(parsing: instanceBytes).arrayValue?.count ?? 0 }
let parseAndValidate = try medianMilliseconds { sink &+= schema.validate(try JSON(parsing: instanceBytes)).count }
let validate = medianMilliseconds { sink &+= schema.validate(instance).count }
let report: JSON = [
    "parse_ms": .number(parse), "parse_and_validate_ms": .number(parseAndValidate), "validate_ms": .number(validate),
    "unused": .integer(Int64(sink)),
]
print(report.serializedString())
