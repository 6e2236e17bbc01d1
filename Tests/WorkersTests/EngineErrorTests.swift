import ConformJSON
import Testing
import Workers

@Suite("Reading engine error bodies")
struct EngineErrorTests {
    @Test(
        "Each engine's error shape gives its message and parameter",
        arguments: [
            (
                #"{"object":"error","message":"bad temperature","type":"BadRequestError","param":"temperature","code":400}"#,
                "bad temperature", "temperature"
            ),
            (#"{"error":{"message":"too long","type":"BadRequestError","param":null,"code":400}}"#, "too long", nil),
            (#"{"error":"Input validation error","error_type":"Validation"}"#, "Input validation error", nil),
            (#"{"detail":"Not Found"}"#, "Not Found", nil),
            (
                #"{"detail":[{"loc":["body","messages",0,"content"],"msg":"Field required","type":"missing"},{"loc":["query","n"],"msg":"too big"}]}"#,
                "messages[0].content: Field required; query.n: too big", "messages[0].content"
            ),
            (#""no healthy upstream\n""#, "no healthy upstream", nil),
        ] as [(String, String, String?)])
    func shapes(_ body: String, _ message: String, _ param: String?) throws {
        let described = try #require(EngineError.describe(try JSONParser().parse(Array(body.utf8))))
        #expect(described.message == message)
        #expect(described.param == param)
    }

    @Test(
        "Bodies in no known shape are not described",
        arguments: [#"{"status":"bad"}"#, #"{"detail":[{"loc":["body"]}]}"#, #""  ""#, "[1]"])
    func unknown(_ body: String) throws {
        #expect(EngineError.describe(try JSONParser().parse(Array(body.utf8))) == nil)
    }
}
