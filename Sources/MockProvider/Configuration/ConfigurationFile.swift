import ConformContract
import ConformJSON
import Foundation
import Workers

/// Reads a mock configuration file (JSON, described by `Schemas/mock/config.schema.json`) over the
/// defaults, checking every member and naming the file and member of the first problem. Members
/// left out keep their defaults; `models`, when present, replaces the default model list.
/// `environment` supplies the variables an upstream's `tokenEnv` names.
public enum ConfigurationFile {
    public static func load(
        path: String, over base: MockConfiguration = MockConfiguration(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> MockConfiguration {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw ConfigurationError(file: path, pointer: "", message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(bytes, file: path, over: base, environment: environment)
    }

    public static func parse(
        _ bytes: [UInt8], file: String, over base: MockConfiguration = MockConfiguration(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> MockConfiguration {
        let document: JSON
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw ConfigurationError(file: file, pointer: "", message: "is not valid JSON: \(error)")
        }
        return try Reader(file: file, environment: environment).configuration(document, over: base)
    }

    /// Walks the document, keeping the file name for error messages.
    struct Reader {
        let file: String
        let environment: [String: String]

        func fail(_ pointer: String, _ message: String) -> ConfigurationError {
            ConfigurationError(file: file, pointer: pointer, message: message)
        }

        func object(_ value: JSON, _ pointer: String, allowed: Set<String>) throws(ConfigurationError) -> JSONObject {
            guard case .object(let object) = value else { throw fail(pointer, "must be an object, not \(value.typeName)") }
            for key in object.keys where !allowed.contains(key) {
                throw fail("\(pointer)/\(key)", "is not a known member (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            return object
        }

        func integer(_ value: JSON, _ pointer: String, in range: ClosedRange<Int64>) throws(ConfigurationError) -> Int64 {
            guard case .integer(let number) = value else { throw fail(pointer, "must be an integer, not \(value.typeName)") }
            guard range.contains(number) else { throw fail(pointer, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)") }
            return number
        }

        func string(_ value: JSON, _ pointer: String) throws(ConfigurationError) -> String {
            guard case .string(let text) = value else { throw fail(pointer, "must be a string, not \(value.typeName)") }
            return text
        }

        func bool(_ value: JSON, _ pointer: String) throws(ConfigurationError) -> Bool {
            guard case .bool(let flag) = value else { throw fail(pointer, "must be true or false, not \(value.typeName)") }
            return flag
        }

        /// A member read through its Codable definition, strictly, with the member at fault named.
        func decoded<Value: Decodable>(_ type: Value.Type, _ value: JSON, _ pointer: String) throws(ConfigurationError) -> Value {
            do {
                return try JSONValueDecoder(rejectsUnknownMembers: true).decode(type, from: value)
            } catch {
                throw fail(pointer + error.pointer.description, error.message)
            }
        }

        func strings(_ value: JSON, _ pointer: String) throws(ConfigurationError) -> [String] {
            guard case .array(let elements) = value else { throw fail(pointer, "must be an array, not \(value.typeName)") }
            var result: [String] = []
            for (index, element) in elements.enumerated() { result.append(try string(element, "\(pointer)/\(index)")) }
            return result
        }

        func configuration(_ document: JSON, over base: MockConfiguration) throws(ConfigurationError) -> MockConfiguration {
            let root = try object(
                document, "",
                allowed: [
                    "$schema", "models", "apiKeys", "seed", "clock", "bodyLimitBytes", "streaming", "deviations", "emulate",
                    "responseMemoEntries", "health", "limits", "timeouts", "heavyWork", "anyModel", "stubs", "faults",
                ])
            var configuration = base
            if let models = root["models"] { configuration.models = try self.models(models) }
            if let keys = root["apiKeys"] {
                configuration.apiKeys = try strings(keys, "/apiKeys")
                for (index, key) in configuration.apiKeys.enumerated() where key.isEmpty || key.contains(where: \.isWhitespace) {
                    throw fail("/apiKeys/\(index)", "must be a non-empty key without whitespace")
                }
            }
            if let seed = root["seed"] { configuration.seed = UInt64(try integer(seed, "/seed", in: 0...Int64.max)) }
            if let clock = root["clock"] {
                switch clock {
                case .string("system"): configuration.clock = .system
                case .integer(let seconds) where seconds >= 0: configuration.clock = .fixed(seconds)
                default: throw fail("/clock", "must be \"system\" or a non-negative Unix time in seconds")
                }
            }
            if let limit = root["bodyLimitBytes"] {
                configuration.bodyLimit = Int(try integer(limit, "/bodyLimitBytes", in: 1...(1 << 40)))
            }
            if let entries = root["responseMemoEntries"] {
                configuration.responseMemoEntries = Int(try integer(entries, "/responseMemoEntries", in: 0...1_000_000))
            }
            if let streaming = root["streaming"] {
                let members = try object(streaming, "/streaming", allowed: ["timeToFirstTokenMs", "interTokenMs", "jitterMs"])
                func milliseconds(_ key: String) throws(ConfigurationError) -> Duration? {
                    guard let value = members[key] else { return nil }
                    return .milliseconds(try integer(value, "/streaming/\(key)", in: 0...600_000))
                }
                if let value = try milliseconds("timeToFirstTokenMs") { configuration.pace.timeToFirstToken = value }
                if let value = try milliseconds("interTokenMs") { configuration.pace.interToken = value }
                if let value = try milliseconds("jitterMs") { configuration.pace.jitter = value }
            }
            if let deviations = root["deviations"] {
                for (index, name) in try strings(deviations, "/deviations").enumerated() {
                    guard let deviation = Deviation(rawValue: name) else {
                        throw fail("/deviations/\(index)", "'\(name)' is not a deviation (known: \(Deviation.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    configuration.deviations.insert(deviation)
                }
            }
            if let emulate = root["emulate"] {
                let name = try string(emulate, "/emulate")
                guard let emulation = Emulation(rawValue: name) else { throw fail("/emulate", "must be \"none\" or \"gpustack\", not '\(name)'") }
                configuration.emulation = emulation
            }
            if let health = root["health"] { configuration.healthProbe = try healthProbe(health) }
            if let stubs = root["stubs"] { configuration.stubs = try decoded([Stub].self, stubs, "/stubs") }
            if let faults = root["faults"] {
                configuration.faults = try decoded([ConfiguredFault].self, faults, "/faults")
                for (index, rule) in configuration.faults.enumerated() where !(0...1).contains(rule.probability) {
                    throw fail("/faults/\(index)/probability", "must be between 0 and 1, not \(rule.probability)")
                }
            }
            if let anyModel = root["anyModel"] { configuration.anyModel = try bool(anyModel, "/anyModel") }
            if let limits = root["limits"] { configuration.limits = try self.limits(limits, over: configuration.limits) }
            if let timeouts = root["timeouts"] { configuration.inboundTimeouts = try self.timeouts(timeouts) }
            if let heavyWork = root["heavyWork"] { configuration.heavyWork = try self.heavyWork(heavyWork) }
            return configuration
        }

        func models(_ value: JSON) throws(ConfigurationError) -> [ModelConfiguration] {
            guard case .array(let elements) = value, !elements.isEmpty else {
                throw fail("/models", "must be a non-empty array of models")
            }
            var models: [ModelConfiguration] = []
            var routeIDs: [Int: String] = [:]
            for (index, element) in elements.enumerated() {
                let pointer = "/models/\(index)"
                let members = try object(
                    element, pointer,
                    allowed: ["name", "kinds", "dimensions", "customDimensions", "routeId", "genericProxy", "upstreamPaths", "upstream"])
                guard let nameValue = members["name"] else { throw fail(pointer, "has no 'name'") }
                let name = try string(nameValue, "\(pointer)/name")
                guard Self.isRouteName(name) else {
                    throw fail("\(pointer)/name", "'\(name)' is not a valid model name (a letter, then letters, digits, '_', '-', '.', ':')")
                }
                guard !models.contains(where: { $0.name == name }) else { throw fail("\(pointer)/name", "'\(name)' is configured twice") }
                guard let kindsValue = members["kinds"] else { throw fail(pointer, "has no 'kinds'") }
                var kinds = Set<ModelKind>()
                let kindNames = try strings(kindsValue, "\(pointer)/kinds")
                guard !kindNames.isEmpty else { throw fail("\(pointer)/kinds", "must name at least one kind") }
                for (kindIndex, kindName) in kindNames.enumerated() {
                    guard let kind = ModelKind(rawValue: kindName) else {
                        throw fail("\(pointer)/kinds/\(kindIndex)", "'\(kindName)' is not a kind (known: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    kinds.insert(kind)
                }
                if kinds.contains(.echo), kinds.count > 1 {
                    throw fail("\(pointer)/kinds", "'echo' cannot be combined with other kinds")
                }
                var model = ModelConfiguration(name: name, kinds: kinds)
                if let dimensions = members["dimensions"] { model.dimensions = Int(try integer(dimensions, "\(pointer)/dimensions", in: 1...65_536)) }
                if let custom = members["customDimensions"] { model.customDimensions = try bool(custom, "\(pointer)/customDimensions") }
                if let route = members["routeId"] {
                    let id = Int(try integer(route, "\(pointer)/routeId", in: 1...Int64(Int32.max)))
                    if let other = routeIDs[id] { throw fail("\(pointer)/routeId", "route id \(id) is already used by '\(other)'") }
                    routeIDs[id] = name
                    model.routeID = id
                }
                if let proxy = members["genericProxy"] { model.genericProxy = try bool(proxy, "\(pointer)/genericProxy") }
                if let paths = members["upstreamPaths"] {
                    let list = try strings(paths, "\(pointer)/upstreamPaths")
                    for (pathIndex, path) in list.enumerated() where !path.hasPrefix("/") {
                        throw fail("\(pointer)/upstreamPaths/\(pathIndex)", "'\(path)' must start with '/'")
                    }
                    model.upstreamPaths = list
                }
                if let upstream = members["upstream"] { model.upstream = try upstreamTarget(upstream, "\(pointer)/upstream") }
                models.append(model)
            }
            return models
        }

        /// GPUStack's route-name rule: `^[A-Za-z](?:[A-Za-z0-9_\-\.:]*[A-Za-z0-9])?$`.
        static func isRouteName(_ name: String) -> Bool {
            let bytes = Array(name.utf8)
            guard let first = bytes.first, first.isASCIILetter else { return false }
            guard let last = bytes.last, last.isASCIILetter || last.isASCIIDigit else { return false }
            return bytes.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }
        }
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
