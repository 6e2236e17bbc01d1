import ConformContract
import ConformReport
import ConformRunner
import ConformSuite
import Testing

@Suite struct TargetConfigurationTests {
    @Test func acceptsHTTPAndHTTPSAndTrimsTheTrailingSlash() throws {
        let target = try TargetConfiguration(baseURL: "https://gpustack.example.com:8443/", apiKey: "", roles: RoleMapping())
        #expect(target.baseURL == "https://gpustack.example.com:8443")
        #expect(target.host == "gpustack.example.com")
        #expect(target.apiKey == nil)
        #expect(target.url(for: "/v1/models") == "https://gpustack.example.com:8443/v1/models")
    }

    @Test func refusesURLsItCannotUse() {
        for bad in ["gpustack.example.com", "ftp://host", "http://", "http://host/?x=1"] {
            #expect(throws: TargetConfigurationError.self, "\(bad)") {
                try TargetConfiguration(baseURL: bad, apiKey: nil, roles: RoleMapping())
            }
        }
    }

    @Test func roleAssignmentsOverrideTheDefaults() throws {
        let mapping = try RoleAssignment.apply(
            models: ["chat=llama-3", "image=sd-turbo"], routes: ["echo=7"], to: .documentedDefaults)
        #expect(mapping.models[.chat] == "llama-3")
        #expect(mapping.models[.image] == "sd-turbo")
        #expect(mapping.models[.embed] == "bge-m3")
        #expect(mapping.routes == [.embed: "42", .echo: "7"])
    }

    @Test func roleAssignmentErrorsSayWhatToType() {
        #expect(throws: TargetConfigurationError(message: "--model chat: write ROLE=VALUE, e.g. --model chat=qwen3")) {
            try RoleAssignment.apply(models: ["chat"], routes: [], to: RoleMapping())
        }
        #expect(
            throws: TargetConfigurationError(
                message:
                    "--model painter=sd: 'painter' is not a role (roles: chat, embed, rerank, image, speech, transcribe, echo)")
        ) {
            try RoleAssignment.apply(models: ["painter=sd"], routes: [], to: RoleMapping())
        }
        #expect(throws: TargetConfigurationError(message: "--route embed=abc: the route id 'abc' must be a positive integer")) {
            try RoleAssignment.apply(models: [], routes: ["embed=abc"], to: RoleMapping())
        }
    }

    @Test func selectionMatchesGlobsOnIdsAndEndpoints() {
        let rerank = fixture("rerank.documented-example", endpoint: .rerank, expectation: Expectation(status: [200]))
        let chat = fixture("chat.basic", level: .should, expectation: Expectation(status: [200]))
        #expect(CaseSelection(only: ["rerank"]).select([rerank, chat]).map(\.id) == ["rerank.documented-example"])
        #expect(CaseSelection(only: ["chat.*"]).select([rerank, chat]).map(\.id) == ["chat.basic"])
        #expect(CaseSelection(only: ["*.b?sic"]).select([rerank, chat]).map(\.id) == ["chat.basic"])
        #expect(CaseSelection(level: .must).select([rerank, chat]).map(\.id) == ["rerank.documented-example"])
        #expect(CaseSelection().select([rerank, chat]).count == 2)
    }
}
