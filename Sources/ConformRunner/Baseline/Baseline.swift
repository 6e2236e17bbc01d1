import ConformJSON
import Foundation

/// Failures a team has accepted for now, by case id and check name, each with the reason. A
/// baselined failure is still reported, marked as such, but does not fail the run.
public struct Baseline: Sendable, Hashable {
    /// One accepted failure.
    public struct Entry: Sendable, Hashable {
        public var caseID: String
        public var check: String
        public var reason: String

        public init(caseID: String, check: String, reason: String) {
            self.caseID = caseID
            self.check = check
            self.reason = reason
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Why the failure of `check` in case `caseID` is accepted; nil when it is not.
    public func acceptance(caseID: String, check: String) -> String? {
        entries.first { $0.caseID == caseID && $0.check == check }?.reason
    }

    /// Reads a baseline file: `{"accepted": [{"case": ID, "check": NAME, "reason": TEXT}, ...]}`.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw BaselineError(file: path, pointer: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(bytes, file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(BaselineError) -> Baseline {
        let document: JSON
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw BaselineError(file: file, pointer: nil, message: "is not valid JSON: \(error)")
        }
        func fail(_ pointer: String, _ message: String) -> BaselineError {
            BaselineError(file: file, pointer: pointer, message: message)
        }
        guard case .object(let root) = document else { throw fail("", "must be an object with an \"accepted\" array") }
        for key in root.keys where key != "accepted" && key != "$schema" {
            throw fail("/\(key)", "is not a known member (expected \"accepted\")")
        }
        guard case .array(let items)? = root["accepted"] else { throw fail("/accepted", "must be an array of accepted failures") }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            let pointer = "/accepted/\(index)"
            guard case .object(let members) = item else { throw fail(pointer, "must be an object with case, check and reason") }
            for key in members.keys where !["case", "check", "reason"].contains(key) {
                throw fail("\(pointer)/\(key)", "is not a known member (expected case, check, reason)")
            }
            var values: [String: String] = [:]
            for key in ["case", "check", "reason"] {
                guard let text = members[key]?.stringValue, !text.isEmpty else {
                    throw fail("\(pointer)/\(key)", members[key] == nil ? "is missing" : "must be a non-empty string")
                }
                values[key] = text
            }
            entries.append(Entry(caseID: values["case"]!, check: values["check"]!, reason: values["reason"]!))
        }
        return Baseline(entries: entries)
    }
}

/// Why a baseline file cannot be used: the file, the member as a JSON pointer, and the problem.
public struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var pointer: String?
    public var message: String

    public init(file: String, pointer: String?, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        guard let pointer, !pointer.isEmpty else { return "\(file): \(message)" }
        return "\(file): \(pointer): \(message)"
    }
}
