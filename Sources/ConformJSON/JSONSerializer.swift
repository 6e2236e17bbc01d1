/// How a JSON value is written out.
public enum JSONSerializationStyle: Sendable {
    /// No whitespace, members in their original order: what servers usually send.
    case compact
    /// No whitespace, members sorted by code point: the same value always gives the same bytes.
    case canonical
    /// Two-space indentation and sorted members, for files people read and diff.
    case pretty
}

extension JSON {
    /// The value as UTF-8 bytes. Strings are written as UTF-8 with only the escapes JSON requires;
    /// reals use the shortest text that reads back as the same `Double`. A non-finite real, which
    /// parsing never produces, is written as `null` so the output stays valid JSON.
    public func serialized(_ style: JSONSerializationStyle = .compact) -> [UInt8] {
        var writer = JSONWriter(style: style)
        writer.write(self, indent: 0)
        return writer.output
    }

    public func serializedString(_ style: JSONSerializationStyle = .compact) -> String {
        String(decoding: serialized(style), as: UTF8.self)
    }
}

struct JSONWriter {
    let style: JSONSerializationStyle
    var output: [UInt8] = []

    init(style: JSONSerializationStyle) {
        self.style = style
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSON, indent: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .integer(let number):
            JSONText.appendInteger(number, to: &output)
        case .number(let number):
            append(Self.text(of: number))
        case .string(let text):
            JSONText.appendString(text, to: &output)
        case .array(let elements):
            if elements.isEmpty { return append("[]") }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { return append("{}") }
            output.append(UInt8(ascii: "{"))
            if style == .compact {
                for (index, member) in object.orderedMembers.enumerated() { writeMember(member, first: index == 0, indent: indent + 1) }
            } else {
                for (index, member) in object.sortedMembers.enumerated() { writeMember(member, first: index == 0, indent: indent + 1) }
            }
            newline(indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMember(_ member: JSONObject.Member, first: Bool, indent: Int) {
        if !first { output.append(UInt8(ascii: ",")) }
        newline(indent)
        JSONText.appendString(member.key, to: &output)
        output.append(UInt8(ascii: ":"))
        if style == .pretty { output.append(UInt8(ascii: " ")) }
        write(member.value, indent: indent)
    }

    private mutating func newline(_ indent: Int) {
        guard style == .pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Shortest round-trip text; Swift writes `1e-05`, `1e+16` and `1.0` exactly as Python does.
    static func text(of number: Double) -> String {
        guard number.isFinite else { return "null" }
        return number.description
    }
}
