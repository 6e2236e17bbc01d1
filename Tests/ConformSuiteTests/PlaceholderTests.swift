import ConformContract
import ConformJSON
import ConformSuite
import Testing

@Suite struct PlaceholderTests {
    let mapping = RoleMapping(models: [.chat: "qwen3", .echo: "proxy-echo"], routes: [.echo: "43"])

    @Test func fillsModelAndRoutePlaceholdersInText() throws {
        let filled = try PlaceholderText.fill("/model/proxy/${route.echo}/x?model=${model.chat}", from: mapping)
        #expect(filled == "/model/proxy/43/x?model=qwen3")
    }

    @Test func fillsPlaceholdersInNestedJSONStrings() throws {
        let body: JSON = ["model": "${model.chat}", "messages": [["role": "user", "content": "ask ${model.echo}"]], "n": 1]
        let filled = try PlaceholderText.fill(body, from: mapping)
        #expect(filled == ["model": "qwen3", "messages": [["role": "user", "content": "ask proxy-echo"]], "n": 1])
    }

    @Test func anUnmappedRoleIsReportedWithItsOption() {
        #expect(throws: UnmappedPlaceholder(placeholder: .model(.image))) {
            try PlaceholderText.fill("${model.image}", from: mapping)
        }
        #expect(Placeholder.route(.embed).mappingHint == "--route embed=ID")
    }

    @Test func unknownPlaceholdersAreFoundAtLoadTime() throws {
        #expect(try PlaceholderText.placeholders(in: "a ${model.chat} b ${route.embed}") == [.model(.chat), .route(.embed)])
        #expect(throws: PlaceholderText.UnknownPlaceholder(text: "${model.painter}")) {
            try PlaceholderText.placeholders(in: "${model.painter}")
        }
        #expect(throws: PlaceholderText.UnknownPlaceholder(text: "${key}")) {
            try PlaceholderText.placeholders(in: ["headers": ["x": "${key}"]] as JSON)
        }
    }

    @Test func textWithoutPlaceholdersIsUnchanged() throws {
        #expect(try PlaceholderText.fill("/v1/models?x=${", from: RoleMapping()) == "/v1/models?x=${")
    }
}
