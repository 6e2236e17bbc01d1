import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import ConformTestSupport
import Foundation
import Testing

@Suite struct FixtureLoaderTests {
    static let rerank = """
        {
          "id": "rerank.documented-example", "endpoint": "rerank", "summary": "ordered 2, 1, 0", "level": "must",
          "source": "GPUStack docs", "clients": ["openai-sdk"],
          "request": {"method": "POST", "path": "/v1/rerank", "auth": "bearer",
                      "json": {"model": "${model.rerank}", "query": "q", "documents": ["a", "b"]}},
          "expect": {"status": 200, "contentType": "application/json", "schema": "jina/rerank-response",
                     "checks": ["rerank.sorted-desc"], "json": {"results": {"$length": 2}}, "golden": "documented-example.golden.json"}
        }
        """

    func loader(_ fixtures: TemporaryDirectory, requireGoldens: Bool = true) -> FixtureLoader {
        FixtureLoader(
            directory: fixtures.url, schemas: NamedSchemas(names: ["jina/rerank-response"]), requireGoldens: requireGoldens)
    }

    /// The problems loading reports, as text.
    func problems(_ fixtures: TemporaryDirectory) -> [String] {
        do {
            _ = try loader(fixtures).load()
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func loadsACaseWithItsGoldenAndAsset() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("jina/rerank/documented-example.json", Self.rerank)
        try fixtures.write("jina/rerank/documented-example.golden.json", #"{"results":[]}"#)
        try fixtures.write("assets/tone.wav", [1, 2, 3])
        try fixtures.write(
            "openai/transcriptions/json.json",
            """
            {"id": "transcriptions.json", "endpoint": "transcriptions", "summary": "s", "level": "must", "source": "docs", "clients": ["openai-sdk"],
             "request": {"method": "POST", "path": "/v1/audio/transcriptions", "auth": "bearer",
                         "multipart": {"fields": {"model": "${model.transcribe}"},
                                       "files": [{"name": "file", "path": "assets/tone.wav", "contentType": "audio/wav"}]}},
             "expect": {"status": 200, "text": {"$regex": "."}}}
            """)
        let set = try loader(fixtures).load()
        #expect(set.fixtures.map(\.id) == ["rerank.documented-example", "transcriptions.json"])
        let rerank = set.fixtures[0]
        #expect(rerank.api == .jina && rerank.endpoint == .rerank && rerank.level == .must)
        #expect(
            rerank.golden == Golden(file: "jina/rerank/documented-example.golden.json", bytes: Array(#"{"results":[]}"#.utf8)))
        #expect(rerank.expectation.status == [200] && rerank.expectation.checks == ["rerank.sorted-desc"])
        guard case .multipart(let fields, let files) = set.fixtures[1].request.body else {
            Issue.record("not multipart")
            return
        }
        #expect(fields == [FormField(name: "model", value: "${model.transcribe}")])
        #expect(
            files == [
                FileUpload(
                    name: "file", path: "assets/tone.wav", contentType: "audio/wav", filename: "tone.wav", data: [1, 2, 3])
            ])
        #expect(set.digest.count == 64)
    }

    @Test func theDigestChangesWithAnyFile() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("jina/rerank/documented-example.json", Self.rerank)
        try fixtures.write("jina/rerank/documented-example.golden.json", "{}")
        let first = try loader(fixtures).load().digest
        try fixtures.write("jina/rerank/documented-example.golden.json", "{ }")
        #expect(try loader(fixtures).load().digest != first)
    }

    @Test func malformedFilesNameTheFileAndField() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("jina/rerank/broken.json", "{\"id\": ")
        try fixtures.write(
            "jina/rerank/level.json", Self.rerank.replacingOccurrences(of: "\"level\": \"must\"", with: "\"level\": \"may\""))
        try fixtures.write("jina/rerank/member.json", Self.rerank.replacingOccurrences(of: "\"auth\"", with: "\"auht\""))
        #expect(
            problems(fixtures) == [
                "jina/rerank/broken.json: is not valid JSON: line 1, column 7: unexpected token near end of file",
                "jina/rerank/level.json: /level: \"may\" is not one of [\"must\", \"should\"]",
                "jina/rerank/member.json: /request: required property \"auth\" is missing",
                "jina/rerank/member.json: /request: property \"auht\" is not allowed; did you mean \"auth\"?",
            ])
    }

    @Test func semanticProblemsAreAllReported() throws {
        let fixtures = try TemporaryDirectory()
        let broken = Self.rerank
            .replacingOccurrences(of: "\"rerank.sorted-desc\"", with: "\"rerank.sorted\", \"status\", \"stream.openai-grammar\"")
            .replacingOccurrences(of: "jina/rerank-response", with: "jina/rerank-answer")
            .replacingOccurrences(of: "${model.rerank}", with: "${model.reranker}")
            .replacingOccurrences(of: "{\"$length\": 2}", with: "{\"$size\": 2}")
        try fixtures.write("jina/rerank/documented-example.json", broken)
        #expect(
            problems(fixtures) == [
                "jina/rerank/documented-example.json: /expect/checks/0: 'rerank.sorted' is not a check; did you mean 'rerank.sorted-desc'?",
                "jina/rerank/documented-example.json: /expect/checks/1: 'status' runs by itself when expect.status is set; remove it from checks",
                "jina/rerank/documented-example.json: /expect/checks/2: 'stream.openai-grammar' needs expect.stream: the answer must be read as a stream",
                "jina/rerank/documented-example.json: /expect/schema: no schema named 'jina/rerank-answer' under Schemas/",
                "jina/rerank/documented-example.json: /expect/json/results/$size: is not a matcher (known: $absent, $any, $anyOf, $contains, $length, $literal, $max, $min, $regex, $type)",
                "jina/rerank/documented-example.json: /request/json: ${model.reranker} is not a placeholder; use ${model.ROLE} (chat, embed, rerank, image, speech, transcribe, echo) or ${route.ROLE} (embed, echo)",
                "jina/rerank/documented-example.json: /expect/golden: the golden 'jina/rerank/documented-example.golden.json' does not exist; write it with 'conform fixtures regenerate'",
            ])
    }

    @Test func missingGoldensAreAllowedWhileRegenerating() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("jina/rerank/documented-example.json", Self.rerank)
        let set = try loader(fixtures, requireGoldens: false).load()
        #expect(set.fixtures.first?.golden == nil)
    }

    @Test func duplicateIDsMisplacedCasesAndMissingAssetsAreNamed() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write(
            "jina/rerank/a.json",
            Self.rerank.replacingOccurrences(of: ", \"golden\": \"documented-example.golden.json\"", with: ""))
        try fixtures.write(
            "jina/rerank/b.json",
            Self.rerank.replacingOccurrences(of: ", \"golden\": \"documented-example.golden.json\"", with: ""))
        try fixtures.write("openai/rerank/c.json", Self.rerank)
        try fixtures.write(
            "jina/chat/d.json", Self.rerank.replacingOccurrences(of: "rerank.documented-example", with: "rerank.d"))
        try fixtures.write(
            "openai/speech/e.json",
            """
            {"id": "speech.e", "endpoint": "speech", "summary": "s", "level": "should", "source": "spec", "clients": ["openai-sdk"],
             "request": {"method": "POST", "path": "/v1/audio/speech", "auth": "bearer",
                         "multipart": {"files": [{"name": "file", "path": "assets/missing.wav", "contentType": "audio/wav"}]}},
             "expect": {"status": 200}}
            """)
        try fixtures.write("stray.json", "{}")
        #expect(
            problems(fixtures) == [
                "jina/chat/d.json: /endpoint: the case is for 'rerank' but sits in jina/chat/; move it to jina/rerank/",
                "jina/rerank/b.json: /id: the id 'rerank.documented-example' is already used by jina/rerank/a.json",
                "openai/rerank/c.json: /endpoint: 'rerank' belongs under jina/, not openai/",
                "openai/speech/e.json: /request/multipart/files/0/path: the asset 'assets/missing.wav' does not exist",
                "stray.json: cases live at <api>/<endpoint>/<case>.json with <api> one of openai, anthropic, jina, gpustack",
            ])
    }

    @Test func aDirectoryWithoutCasesIsRefused() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write("assets/tone.wav", [1])
        #expect(problems(fixtures) == ["\(fixtures.url.path): holds no fixture cases (<api>/<endpoint>/<case>.json)"])
    }

    @Test func checksThatDoNotFitTheRequestAreRefused() throws {
        let fixtures = try TemporaryDirectory()
        try fixtures.write(
            "openai/chat/a.json",
            """
            {"id": "chat.a", "endpoint": "chat", "summary": "s", "level": "must", "source": "docs", "clients": ["openai-sdk"],
             "request": {"method": "POST", "path": "/v1/chat/completions", "auth": "bearer", "json": {"model": "${model.chat}"}},
             "expect": {"status": 200, "checks": ["rerank.top-n", "auth.required", "embeddings.base64-float32"]}}
            """)
        #expect(
            problems(fixtures) == [
                "openai/chat/a.json: /expect/checks/0: 'rerank.top-n' needs a JSON request with a documents array",
                "openai/chat/a.json: /expect/checks/1: 'auth.required' needs auth none, wrong-key or wrong-x-api-key",
                "openai/chat/a.json: /expect/checks/2: 'embeddings.base64-float32' needs a JSON request with \"encoding_format\": \"base64\"",
            ])
    }
}
