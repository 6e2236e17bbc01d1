import ConformContract
import ConformJSON
import Foundation

/// What a CI job commits to run the same cases against a deployment every time: the base URL,
/// which models play which roles and which route ids the route roles have, whether the target has
/// no keys, the baseline, the levels, and the roles it requires (`Schemas/target/target.schema.json`).
/// `conform discover` writes one; `conform run --target FILE` reads it, command-line options
/// overriding what it says.
public struct TargetFile: Sendable, Hashable, Codable {
    public var baseURL: String
    /// Role → model name.
    public var models: [String: String]
    /// Route role → model route id.
    public var routes: [String: String]
    /// Whether the target takes no API key (`--no-auth`).
    public var noAuth: Bool?
    /// The baseline file, relative to the target file.
    public var baseline: String?
    public var failOn: FailurePolicy?
    public var level: RequirementLevel?
    /// Roles that must be mapped for a run to start (`--require`).
    public var require: [String]?
    /// Roles discovery could not fill, with why: a reader sees what the runs will skip.
    public var unmapped: [String: String]?

    public init(
        baseURL: String, models: [String: String] = [:], routes: [String: String] = [:], noAuth: Bool? = nil, baseline: String? = nil,
        failOn: FailurePolicy? = nil, level: RequirementLevel? = nil, require: [String]? = nil, unmapped: [String: String]? = nil
    ) {
        self.baseURL = baseURL
        self.models = models
        self.routes = routes
        self.noAuth = noAuth
        self.baseline = baseline
        self.failOn = failOn
        self.level = level
        self.require = require
        self.unmapped = unmapped
    }

    /// Reads a target file: bad JSON, an unknown member, a wrong type or an unknown role is refused
    /// naming the file and the member.
    public static func load(path: String) throws(TargetConfigurationError) -> TargetFile {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw TargetConfigurationError(message: "\(path): cannot be read: \(error.localizedDescription)")
        }
        let document: JSON
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw TargetConfigurationError(message: "\(path): is not valid JSON: \(error)")
        }
        var withoutSchema = document
        withoutSchema["$schema"] = nil
        let file: TargetFile
        do {
            file = try JSONValueDecoder(rejectsUnknownMembers: true).decode(TargetFile.self, from: withoutSchema)
        } catch {
            throw TargetConfigurationError(message: "\(path): \(error)")
        }
        for role in file.models.keys where ModelRole(rawValue: role) == nil {
            throw TargetConfigurationError(
                message: "\(path): /models/\(role): not a role (roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for role in file.routes.keys where RouteRole(rawValue: role) == nil {
            throw TargetConfigurationError(
                message: "\(path): /routes/\(role): not a route role (roles: \(RouteRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return file
    }

    /// The file's bytes: pretty JSON with sorted keys and a trailing newline, for a clean diff.
    public var document: [UInt8] {
        var json = (try? JSONValueEncoder().encode(self)) ?? [:]
        json["$schema"] = "https://conform.invalid/schemas/target/target.schema.json"
        return json.serialized(.pretty) + [UInt8(ascii: "\n")]
    }

    /// The role mapping the file states.
    public var roles: RoleMapping {
        RoleMapping(
            models: Dictionary(uniqueKeysWithValues: models.compactMap { key, value in ModelRole(rawValue: key).map { ($0, value) } }),
            routes: Dictionary(uniqueKeysWithValues: routes.compactMap { key, value in RouteRole(rawValue: key).map { ($0, value) } }))
    }
}
