public import ConformJSON
import HTTPWire

/// Builds a deterministic JSON value that satisfies a JSON Schema's common keywords (`type`,
/// `properties`, `required`, `items`, `prefixItems`, `enum`, `const`, `anyOf`/`oneOf`/`allOf`,
/// local `$ref`, numeric bounds and `multipleOf`, string lengths and formats), for tool-call
/// arguments and structured (`json_schema`) replies.
///
/// The schema comes from a client, so the work it can ask for is bounded before it is done: a
/// count, length or size beyond ``Limits`` is refused with an ``InvalidRequest`` naming the
/// request field and the limit, and numeric bounds are handled in checked 64-bit arithmetic, so
/// no schema can overflow or exhaust the server.
public struct JSONInstanceGenerator {
    /// How much one generated instance may hold.
    public struct Limits: Sendable, Hashable {
        /// The largest `minItems` (or `minProperties`) honoured.
        public var maximumItems: Int
        /// The largest `minLength` honoured, in characters.
        public var maximumStringLength: Int
        /// The most values (objects, arrays and scalars together) in one instance.
        public var maximumValues: Int
        /// Nesting beyond this depth is cut short: objects come back empty, arrays with no items.
        public var maximumDepth: Int

        public init(maximumItems: Int = 1_000, maximumStringLength: Int = 100_000, maximumValues: Int = 20_000, maximumDepth: Int = 24) {
            self.maximumItems = maximumItems
            self.maximumStringLength = maximumStringLength
            self.maximumValues = maximumValues
            self.maximumDepth = maximumDepth
        }
    }

    private let limits: Limits
    private var random = SeededRandom(seed: 0)
    private var root: JSON = .null
    private var param = ""
    /// Values and padding characters made so far: the limits bound all the instances one request
    /// asks for together (`n` choices, say), not each alone.
    private var values = 0
    private var characters = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// An instance of `schema`, which the request carries at `param` (for instance
    /// `response_format.json_schema.schema`), so a refusal can name it; choices draw on `random`.
    public mutating func instance(of schema: JSON, param: String, random: inout SeededRandom) throws(InvalidRequest) -> JSON {
        root = schema
        self.param = param
        self.random = random
        defer { random = self.random }
        return try instance(of: schema, at: .root, depth: 0)
    }

    private func refuse(_ location: JSONPointer, _ detail: String) -> InvalidRequest {
        let place = location.isRoot ? "" : " at \(location)"
        return .invalidValue(param, "\(detail)\(place).")
    }

    private mutating func count(_ location: JSONPointer) throws(InvalidRequest) {
        values += 1
        guard values <= limits.maximumValues else {
            throw refuse(location, "the schema asks for more than \(limits.maximumValues) values, this server's limit for one generated instance")
        }
    }

    private mutating func instance(of schema: JSON, at location: JSONPointer, depth: Int) throws(InvalidRequest) -> JSON {
        // References and allOf can chain without moving into the instance; they count as depth too.
        guard depth <= 2 * limits.maximumDepth else {
            throw refuse(location, "the schema nests or refers to itself more than \(2 * limits.maximumDepth) times")
        }
        guard case .object(var keywords) = schema else {
            try count(location)
            return schema == .bool(false) ? .null : .object([:])
        }
        if let reference = keywords["$ref"]?.stringValue {
            guard let target = resolve(reference), case .object(let resolved) = target else {
                throw refuse(location, "the reference '\(reference)' does not name a schema object within the schema")
            }
            keywords["$ref"] = nil
            return try instance(of: .object(Self.merge(keywords, resolved)), at: location, depth: depth + 1)
        }
        if let constant = keywords["const"] {
            try count(location)
            return constant
        }
        if let choices = keywords["enum"]?.arrayValue, !choices.isEmpty {
            try count(location)
            return choices[random.below(choices.count)]
        }
        for combinator in ["anyOf", "oneOf"] {
            if let options = keywords[combinator]?.arrayValue, !options.isEmpty {
                // The first alternative that is not just null, so optional fields carry values.
                let index = options.firstIndex { $0["type"]?.stringValue != "null" } ?? 0
                return try instance(of: options[index], at: location.appending(combinator).appending(index), depth: depth + 1)
            }
        }
        if let parts = keywords["allOf"]?.arrayValue, !parts.isEmpty {
            keywords["allOf"] = nil
            for part in parts { if case .object(let members) = part { keywords = Self.merge(keywords, members) } }
            return try instance(of: .object(keywords), at: location, depth: depth + 1)
        }
        try count(location)
        switch Self.type(of: keywords) {
        case "object": return try object(keywords, at: location, depth: depth)
        case "array": return try array(keywords, at: location, depth: depth)
        case "integer": return try integer(keywords, at: location)
        case "number": return try number(keywords, at: location)
        case "boolean": return .bool(random.below(2) == 1)
        case "null": return .null
        default: return try string(keywords, at: location)
        }
    }

    private func resolve(_ reference: String) -> JSON? {
        guard reference.hasPrefix("#"), let fragment = PercentEncoding.decode(String(reference.dropFirst())), let pointer = JSONPointer(fragment) else {
            return nil
        }
        return root.value(at: pointer)
    }


    /// The instance type a schema asks for: `type` (the first that is not null), else what its
    /// keywords imply.
    static func type(of keywords: JSONObject) -> String {
        if let type = keywords["type"]?.stringValue { return type }
        if let types = keywords["type"]?.arrayValue, let first = types.compactMap(\.stringValue).first(where: { $0 != "null" }) {
            return first
        }
        if keywords["properties"] != nil || keywords["required"] != nil { return "object" }
        if keywords["items"] != nil || keywords["prefixItems"] != nil { return "array" }
        return "string"
    }

    /// `base` with `extra`'s keywords added: properties and required lists joined, others kept
    /// from whichever has them first.
    static func merge(_ base: JSONObject, _ extra: JSONObject) -> JSONObject {
        var merged = base
        for (key, value) in extra {
            switch (key, merged[key], value) {
            case ("properties", .object(var mine)?, .object(let theirs)):
                for (name, schema) in theirs where mine[name] == nil { mine[name] = schema }
                merged[key] = .object(mine)
            case ("required", .array(let mine)?, .array(let theirs)):
                merged[key] = .array(mine + theirs.filter { !mine.contains($0) })
            case (_, nil, _):
                merged[key] = value
            default:
                continue
            }
        }
        return merged
    }

    private func requestedCount(_ keywords: JSONObject, _ key: String, at location: JSONPointer) throws(InvalidRequest) -> Int? {
        guard let value = keywords[key] else { return nil }
        guard let number = value.doubleValue, number >= 0 else {
            throw refuse(location, "\(key) must be a non-negative integer")
        }
        guard number <= Double(limits.maximumItems) else {
            throw refuse(location, "\(key) \(value) exceeds this server's limit of \(limits.maximumItems)")
        }
        return Int(number.rounded(.up))
    }

    private mutating func object(_ keywords: JSONObject, at location: JSONPointer, depth: Int) throws(InvalidRequest) -> JSON {
        var object = JSONObject()
        let minimum = try requestedCount(keywords, "minProperties", at: location) ?? 0
        guard depth < limits.maximumDepth else { return .object(object) }
        let properties = keywords["properties"]?.objectValue ?? [:]
        for (name, property) in properties {
            object[name] = try instance(of: property, at: location.appending("properties").appending(name), depth: depth + 1)
        }
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            object[name] = try instance(of: ["type": "string"], at: location.appending("required"), depth: depth + 1)
        }
        var extra = 0
        while object.count < minimum {
            extra += 1
            if object["property\(extra)"] == nil {
                let schema = keywords["additionalProperties"].flatMap { $0.objectValue != nil ? $0 : nil } ?? ["type": "string"]
                object["property\(extra)"] = try instance(of: schema, at: location.appending("additionalProperties"), depth: depth + 1)
            }
        }
        return .object(object)
    }

    private mutating func array(_ keywords: JSONObject, at location: JSONPointer, depth: Int) throws(InvalidRequest) -> JSON {
        let minimum = try requestedCount(keywords, "minItems", at: location) ?? 1
        let maximum = keywords["maxItems"]?.doubleValue.map { max(0, $0) }
        guard maximum.map({ Double(minimum) <= $0 }) ?? true else {
            throw refuse(location, "no array has at least \(minimum) and at most \(keywords["maxItems"]!) items")
        }
        guard depth < limits.maximumDepth else { return .array([]) }
        var count = max(minimum, 1 + random.below(2))
        if let maximum, Double(count) > maximum { count = minimum }
        let prefix = keywords["prefixItems"]?.arrayValue ?? []
        let items = keywords["items"].flatMap { $0 == .bool(false) ? nil : $0 } ?? ["type": "string"]
        if keywords["items"] == .bool(false) { count = min(count, prefix.count) }
        var elements: [JSON] = []
        elements.reserveCapacity(count)
        for position in 0..<count {
            if position < prefix.count {
                elements.append(try instance(of: prefix[position], at: location.appending("prefixItems").appending(position), depth: depth + 1))
            } else {
                elements.append(try instance(of: items, at: location.appending("items"), depth: depth + 1))
            }
        }
        return .array(elements)
    }

    private mutating func integer(_ keywords: JSONObject, at location: JSONPointer) throws(InvalidRequest) -> JSON {
        // Each bound rounds toward the inside of the range; a bound beyond 64 bits on the far side
        // leaves no integer to choose, one on the near side is clamped.
        var low = Int64.min
        var high = Int64.max
        if let minimum = keywords["minimum"], minimum.isNumber {
            low = max(low, try bound(minimum, "minimum", rounding: .up, emptiesAbove: true, at: location))
        }
        if let minimum = keywords["exclusiveMinimum"], minimum.isNumber {
            let bound = try bound(minimum, "exclusiveMinimum", rounding: .down, emptiesAbove: true, at: location)
            guard bound < Int64.max else { throw refuse(location, "no 64-bit integer exceeds exclusiveMinimum \(minimum)") }
            low = max(low, bound + 1)
        }
        if let maximum = keywords["maximum"], maximum.isNumber {
            high = min(high, try bound(maximum, "maximum", rounding: .down, emptiesAbove: false, at: location))
        }
        if let maximum = keywords["exclusiveMaximum"], maximum.isNumber {
            let bound = try bound(maximum, "exclusiveMaximum", rounding: .up, emptiesAbove: false, at: location)
            guard bound > Int64.min else { throw refuse(location, "no 64-bit integer is below exclusiveMaximum \(maximum)") }
            high = min(high, bound - 1)
        }
        // An unbounded side lies 100 beyond the other, or the range is 0...100.
        switch (low == Int64.min && keywords["minimum"] == nil, high == Int64.max && keywords["maximum"] == nil) {
        case (true, true): (low, high) = (0, 100)
        case (false, true): high = low > Int64.max - 100 ? Int64.max : low + 100
        case (true, false): low = high < Int64.min + 100 ? Int64.min : high - 100
        case (false, false): break
        }
        guard low <= high else { throw refuse(location, "no integer lies between \(low) and \(high)") }
        if let step = keywords["multipleOf"]?.integerValue, step > 0 {
            return try multiple(of: step, from: low, to: high, at: location)
        }
        // The distance is taken without overflow: the bounds may be 2^64 − 1 apart.
        let span = UInt64(bitPattern: high &- low)
        let offset = UInt64(random.below(Int(min(span, 1_000_000)) + 1))
        return .integer(low &+ Int64(bitPattern: offset))
    }

    /// A numeric bound as a 64-bit integer: integers exactly, reals rounded toward the inside of the
    /// range. Past the 64-bit range on the side that leaves no integer (`emptiesAbove` for a
    /// lower bound) it is refused; past the other side it is clamped.
    private func bound(
        _ value: JSON, _ keyword: String, rounding: FloatingPointRoundingRule, emptiesAbove: Bool, at location: JSONPointer
    ) throws(InvalidRequest) -> Int64 {
        if case .integer(let exact) = value { return exact }
        let real = (value.doubleValue ?? 0).rounded(rounding)
        // 2^63 is the first Double past Int64.max; -2^63 is Int64.min exactly.
        if real >= 9_223_372_036_854_775_808.0 {
            if emptiesAbove { throw refuse(location, "no 64-bit integer satisfies \(keyword) \(value)") }
            return Int64.max
        }
        if real < -9_223_372_036_854_775_808.0 {
            if !emptiesAbove { throw refuse(location, "no 64-bit integer satisfies \(keyword) \(value)") }
            return Int64.min
        }
        return Int64(real)
    }

    private func multiple(of step: Int64, from low: Int64, to high: Int64, at location: JSONPointer) throws(InvalidRequest) -> JSON {
        var candidate = (low / step) * step
        if candidate < low {
            let (next, overflow) = candidate.addingReportingOverflow(step)
            guard !overflow else { throw refuse(location, "no multiple of \(step) lies between \(low) and \(high)") }
            candidate = next
        }
        guard candidate <= high else { throw refuse(location, "no multiple of \(step) lies between \(low) and \(high)") }
        return .integer(candidate)
    }

    private mutating func number(_ keywords: JSONObject, at location: JSONPointer) throws(InvalidRequest) -> JSON {
        let lowExclusive = keywords["exclusiveMinimum"]?.doubleValue
        let highExclusive = keywords["exclusiveMaximum"]?.doubleValue
        var low = max(keywords["minimum"]?.doubleValue ?? -.infinity, lowExclusive ?? -.infinity)
        var high = min(keywords["maximum"]?.doubleValue ?? .infinity, highExclusive ?? .infinity)
        switch (low.isInfinite, high.isInfinite) {
        case (true, true): (low, high) = (0, 100)
        case (false, true): high = low + 100
        case (true, false): low = high - 100
        case (false, false): break
        }
        let open = (lowExclusive == low) || (highExclusive == high)
        guard open ? low < high : low <= high else { throw refuse(location, "no number lies between \(low) and \(high)") }
        func inside(_ value: Double) -> Bool {
            value.isFinite && value >= low && value <= high && value != lowExclusive && value != highExclusive
        }
        if let step = keywords["multipleOf"]?.doubleValue, step > 0 {
            var candidate = (low / step).rounded(.up) * step
            if candidate == lowExclusive { candidate += step }
            guard inside(candidate) else { throw refuse(location, "no multiple of \(step) lies between \(low) and \(high)") }
            return .number(candidate)
        }
        let spread = high - low
        let value = !spread.isFinite ? low / 2 + high / 2 : open ? low + spread * (0.25 + random.unit() / 2) : low + random.unit() * spread
        // Hundredths read well, when they stay inside the range.
        let rounded = (value * 100).rounded() / 100
        return .number(inside(rounded) ? rounded : value)
    }

    private mutating func string(_ keywords: JSONObject, at location: JSONPointer) throws(InvalidRequest) -> JSON {
        var text = Self.formatted(keywords["format"]?.stringValue, &random)
        let minimum = keywords["minLength"]?.doubleValue ?? 0
        guard minimum <= Double(limits.maximumStringLength) else {
            throw refuse(location, "minLength \(keywords["minLength"]!) exceeds this server's limit of \(limits.maximumStringLength) characters")
        }
        if let maximum = keywords["maxLength"]?.doubleValue {
            guard minimum <= maximum else { throw refuse(location, "no string is at least \(Int(minimum)) and at most \(Int(maximum)) characters long") }
            if Double(text.count) > maximum { text = String(text.prefix(Int(max(0, maximum)))) }
        }
        if Double(text.count) < minimum {
            let missing = Int(minimum.rounded(.up)) - text.count
            characters += missing
            guard characters <= limits.maximumStringLength else {
                throw refuse(location, "the schema asks for more than \(limits.maximumStringLength) characters of text in all, this server's limit")
            }
            text += String(repeating: "x", count: missing)
        }
        return .string(text)
    }

    private static func formatted(_ format: String?, _ random: inout SeededRandom) -> String {
        switch format {
        case "date-time": "2026-01-01T00:00:00Z"
        case "date": "2026-01-01"
        case "time": "00:00:00Z"
        case "email": "\(TextGenerator.phrase(words: 1, &random))@example.com"
        case "uri", "url": "https://example.com/\(TextGenerator.phrase(words: 1, &random))"
        case "uuid": "00000000-0000-4000-8000-000000000000"
        case "ipv4": "192.0.2.1"
        default: TextGenerator.phrase(words: 2, &random)
        }
    }
}
