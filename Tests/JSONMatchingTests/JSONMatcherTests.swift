import ConformJSON
import JSONMatching
import Testing

@Suite struct JSONMatcherTests {
    @Test func objectsMatchAsSubsetsAndArraysInOrder() {
        let actual: JSON = ["results": [["index": 2, "score": 1.5], ["index": 1, "score": 0.5]], "model": "m", "extra": true]
        #expect(JSONMatcher.mismatches(of: actual, against: ["results": [["index": 2], ["index": 1]]]).isEmpty)
        let wrongOrder = JSONMatcher.mismatches(of: actual, against: ["results": [["index": 1], ["index": 2]]])
        #expect(wrongOrder.map(\.description) == ["/results/0/index: expected 1, got 2", "/results/1/index: expected 2, got 1"])
    }

    @Test func arraysMustHaveTheSameLength() {
        let mismatches = JSONMatcher.mismatches(of: [1, 2, 3], against: [1, 2])
        #expect(mismatches.first?.description == "(root): expected an array of 2 elements, got 3: [1,2,3]")
    }

    @Test func numbersCompareByValue() {
        #expect(JSONMatcher.mismatches(of: ["n": 1.0], against: ["n": 1]).isEmpty)
        #expect(
            JSONMatcher.mismatches(of: ["n": "1"], against: ["n": 1]).first?.message == "expected integer 1, got string \"1\"")
    }

    @Test func missingMembersAreNamedByPointer() {
        let mismatches = JSONMatcher.mismatches(of: ["a": ["b": 1]], against: ["a": ["c": ["$any": true]]])
        #expect(mismatches.map(\.description) == ["/a/c: missing, expected {\"$any\":true}"])
    }

    @Test func typeRegexAndAnyMatchers() {
        let actual: JSON = ["id": "chatcmpl-42", "created": 1_700_000_000, "usage": nil]
        let pattern: JSON = [
            "id": ["$type": "string", "$regex": "^chatcmpl-"], "created": ["$type": "number"], "usage": ["$any": true],
        ]
        #expect(JSONMatcher.mismatches(of: actual, against: pattern).isEmpty)
        let failing = JSONMatcher.mismatches(
            of: actual, against: ["id": ["$regex": "^msg_"], "created": ["$type": ["string", "null"]]])
        #expect(
            failing.map(\.description) == [
                "/id: \"chatcmpl-42\" does not match /^msg_/",
                "/created: expected type string or null, got integer 1700000000",
            ])
    }

    @Test func absentLengthBoundsContainsAndAnyOf() {
        let actual: JSON = ["data": [["id": "a"], ["id": "qwen3"]], "score": 0.7, "name": "abc"]
        let passing: JSON = [
            "error": ["$absent": true], "data": ["$length": ["min": 1, "max": 5], "$contains": ["id": "qwen3"]],
            "score": ["$min": 0, "$max": 1], "name": ["$anyOf": ["xyz", ["$length": 3]]],
        ]
        #expect(JSONMatcher.mismatches(of: actual, against: passing).isEmpty)
        let failing: JSON = [
            "data": ["$length": 3, "$contains": ["id": "bge-m3"]], "score": ["$max": 0.5], "name": ["$absent": true],
        ]
        #expect(
            JSONMatcher.mismatches(of: actual, against: failing).map(\.description) == [
                "/data: expected length 3, got 2",
                "/data: no element matches {\"id\":\"bge-m3\"} among 2: [{\"id\":\"a\"},{\"id\":\"qwen3\"}]",
                "/score: 0.7 is above the maximum 0.5",
                "/name: must be absent, got \"abc\"",
            ])
    }

    @Test func literalEscapesDollarKeys() {
        #expect(JSONMatcher.mismatches(of: ["$type": "x"], against: ["$literal": ["$type": "x"]]).isEmpty)
    }

    @Test func patternProblemsAreFoundWithTheirPointer() {
        let pattern: JSON = [
            "a": ["$tpye": "string"], "b": ["$regex": "("], "c": [["$absent": true]], "d": ["$type": "text"],
            "e": ["$any": true, "x": 1], "f": ["$length": -1],
        ]
        #expect(
            JSONMatcher.problems(in: pattern).map(\.description) == [
                "/a/$tpye: is not a matcher (known: $absent, $any, $anyOf, $contains, $length, $literal, $max, $min, $regex, $type)",
                "/b/$regex: is not a valid regular expression: \(regexErrorText("("))",
                "/c/0/$absent: can only stand alone as the value of an object member",
                "/d/$type: must be one of array, boolean, integer, null, number, object, string, or an array of them",
                "/e: mixes matcher operators with plain members; wrap a literal in {\"$literal\": ...}",
                "/f/$length: must be a non-negative integer or {\"min\": N, \"max\": N}",
            ])
    }

    private func regexErrorText(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return ""
        } catch {
            return "\(error)"
        }
    }
}
