import FoundationXML

/// The structure Jenkins' JUnit schema (junit-10.xsd, which GitLab's parser also accepts) allows,
/// checked element by element: which children and attributes each element may have, which
/// attributes are required, that counts are counts and times are plain decimals, and that a
/// suite's counts agree with its cases.
enum JUnitSchemaConventions {
    private struct Rule {
        var children: Set<String>
        var attributes: Set<String>
        var required: Set<String>
    }

    private static let rules: [String: Rule] = [
        "testsuites": Rule(children: ["testsuite"], attributes: ["name", "time", "tests", "failures", "errors"], required: []),
        "testsuite": Rule(
            children: ["testsuite", "properties", "testcase", "system-out", "system-err"],
            attributes: [
                "name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package",
                "file", "log", "url",
            ],
            required: ["name", "tests", "failures", "errors"]),
        "properties": Rule(children: ["property"], attributes: [], required: []),
        "property": Rule(children: [], attributes: ["name", "value"], required: ["name", "value"]),
        "testcase": Rule(
            children: ["skipped", "error", "failure", "system-out", "system-err"],
            attributes: ["name", "time", "classname", "group"],
            required: ["name"]),
        "failure": Rule(children: [], attributes: ["type", "message"], required: []),
        "error": Rule(children: [], attributes: ["type", "message"], required: []),
        "skipped": Rule(children: [], attributes: ["type", "message"], required: []),
        "system-out": Rule(children: [], attributes: [], required: []),
        "system-err": Rule(children: [], attributes: [], required: []),
    ]

    private static let counts: Set<String> = ["tests", "failures", "errors", "skipped"]

    static func problems(in root: XMLElement) -> [String] {
        var found: [String] = []
        guard root.name == "testsuites" || root.name == "testsuite" else { return ["root element is \(root.name ?? "?")"] }
        check(root, into: &found)
        return found
    }

    private static func check(_ element: XMLElement, into found: inout [String]) {
        let name = element.name ?? "?"
        guard let rule = rules[name] else { return }
        let label =
            "\(name)"
            + (["testsuite", "testcase"].contains(name)
                ? " \(element.attribute(forName: "name")?.stringValue ?? "(unnamed)")" : "")
        let present = Set((element.attributes ?? []).compactMap(\.name))
        for missing in rule.required.subtracting(present).sorted() {
            found.append("\(label): missing required attribute \(missing)")
        }
        for attribute in element.attributes ?? [] {
            guard let attributeName = attribute.name, let value = attribute.stringValue else { continue }
            if !rule.attributes.contains(attributeName) {
                found.append("\(label): unexpected attribute \(attributeName)")
            } else if counts.contains(attributeName), Int(value) == nil || value.hasPrefix("+") {
                found.append("\(label): \(attributeName) '\(value)' is not a count")
            } else if attributeName == "time", !isPlainSeconds(value) {
                found.append("\(label): time '\(value)' is not a plain decimal number of seconds")
            }
        }
        let children = (element.children ?? []).compactMap { $0 as? XMLElement }
        for child in children where !rule.children.contains(child.name ?? "") {
            found.append("\(label): unexpected element \(child.name ?? "?")")
        }
        if rule.children.isEmpty == false {
            for child in children where rule.children.contains(child.name ?? "") { check(child, into: &found) }
        }
        if name == "testsuite" { checkCounts(element, label: label, into: &found) }
    }

    /// Jenkins' SUREFIRE_TIME: digits, optionally with a fraction; no sign or exponent.
    private static func isPlainSeconds(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.first ?? "").isEmpty else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    private static func checkCounts(_ suite: XMLElement, label: String, into found: inout [String]) {
        let cases = suite.elements(forName: "testcase")
        let declared = { (name: String) in suite.attribute(forName: name)?.stringValue.flatMap { Int($0) } }
        let actual: [(String, Int)] = [
            ("tests", cases.count),
            ("failures", cases.count { !$0.elements(forName: "failure").isEmpty }),
            ("errors", cases.count { !$0.elements(forName: "error").isEmpty }),
            ("skipped", cases.count { !$0.elements(forName: "skipped").isEmpty }),
        ]
        for (name, count) in actual {
            if let value = declared(name), value != count {
                found.append("\(label): \(name) says \(value), its cases hold \(count)")
            }
        }
    }
}
