import ConformContract
import ConformJSON

/// `usage.totals-add-up`: every `usage` object's total is the sum of its parts.
public struct UsageTotalsCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "usage.totals-add-up", level: .should,
        summary: "usage.total_tokens equals prompt_tokens + completion_tokens (or input_tokens + output_tokens).",
        source: "OpenAI API, CompletionUsage: \"total_tokens: Total number of tokens used in the request (prompt + completion).\""
    )

    public init() {}

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator()
    }

    struct Evaluator: CheckEvaluator {
        var found = 0
        var firstProblem: String?

        mutating func observe(_ event: StreamEvent) {
            guard let json = event.json else { return }
            inspect(json, where: "event \(event.index)")
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let json = response.json { inspect(json, where: "the body") }
            if let firstProblem { return .fail(firstProblem) }
            return found > 0
                ? .pass : .fail("no usage object with a total was found in \(response.stream == nil ? "the body" : "the stream")")
        }

        private mutating func inspect(_ json: JSON, where place: String) {
            for (pointer, usage) in UsageTotalsCheck.usageObjects(in: json) {
                guard let problem = UsageTotalsCheck.problem(in: usage) else {
                    if usage["total_tokens"] != nil { found += 1 }
                    continue
                }
                found += 1
                if firstProblem == nil { firstProblem = "\(place) \(pointer): \(problem)" }
            }
        }
    }

    /// Every non-null `usage` object in `json`, at most three levels down, with its pointer.
    static func usageObjects(in json: JSON, at pointer: JSONPointer = .root, depth: Int = 0) -> [(JSONPointer, JSONObject)] {
        guard depth < 3, case .object(let object) = json else { return [] }
        var found: [(JSONPointer, JSONObject)] = []
        for (key, value) in object {
            if key == "usage", case .object(let usage) = value {
                found.append((pointer.appending(key), usage))
            } else if case .object = value {
                found += usageObjects(in: value, at: pointer.appending(key), depth: depth + 1)
            }
        }
        return found
    }

    /// What is wrong with one usage object's arithmetic, nil when it adds up or has no total.
    static func problem(in usage: JSONObject) -> String? {
        guard let totalValue = usage["total_tokens"] else { return nil }
        guard let total = totalValue.integerValue, total >= 0 else { return "total_tokens is \(totalValue), not a count" }
        let pairs = [("prompt_tokens", "completion_tokens"), ("input_tokens", "output_tokens")]
        for (first, second) in pairs {
            guard let a = usage[first], let b = usage[second] else { continue }
            guard let x = a.integerValue, let y = b.integerValue, x >= 0, y >= 0 else {
                return "\(first) \(a) and \(second) \(b) are not both counts"
            }
            return total == x + y ? nil : "total_tokens is \(total), but \(first) \(x) + \(second) \(y) = \(x + y)"
        }
        if let prompt = usage["prompt_tokens"] {
            guard let x = prompt.integerValue else { return "prompt_tokens is \(prompt), not a count" }
            return total == x ? nil : "total_tokens is \(total), but prompt_tokens is \(x) and nothing else was counted"
        }
        return nil
    }
}
