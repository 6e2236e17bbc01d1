import ConformJSON
import Testing

@testable import ConformSchema

/// When no alternative of `anyOf`/`oneOf` matches, the report says why in one violation and adds
/// the violations of the closest alternative, chosen past the type and discriminator checks.
@Suite struct CombinatorReportTests {
    static let contentPart = #"""
        {"oneOf": [
          {"properties": {"type": {"const": "text"}, "text": {"type": "string"}}, "required": ["type", "text"]},
          {"properties": {"type": {"const": "image_url"}, "image_url": {"type": "object"}}, "required": ["type", "image_url"]}
        ]}
        """#

    @Test func alternativesRejectingTheTypeAreSummarisedByTheTypesTheyAccept() throws {
        let schema = try compile(#"{"anyOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]}"#)
        let found = try violations(of: "5", against: schema)
        #expect(found.count == 1)
        #expect(found.first?.keyword == "anyOf")
        #expect(found.first?.schemaLocation == "#/anyOf")
        #expect(found.first?.message == "matches none of the 2 alternatives of anyOf: expected string or array, got integer 5")
    }

    @Test func anUnknownDiscriminatorValueListsTheAcceptedValues() throws {
        let schema = try compile(Self.contentPart)
        let found = try violations(of: #"{"type":"imagex"}"#, against: schema)
        #expect(
            found.map(\.message) == [
                #"matches none of the 2 alternatives of oneOf: "type" is "imagex", expected one of ["text", "image_url"]"#
            ])
    }

    @Test func theAlternativeWhoseDiscriminatorMatchesIsReportedInDetail() throws {
        let schema = try compile(Self.contentPart)
        let found = try violations(of: #"{"type":"image_url","image_url":"http://x"}"#, against: schema)
        #expect(found.count == 2)
        #expect(found.first?.keyword == "oneOf")
        #expect(
            found.first?.message
                == #"matches none of the 2 alternatives of oneOf; closest is oneOf/1 (1 violation, listed next); oneOf/0: /type: expected "text", got "image_url""#
        )
        #expect(found.last?.instancePointer == JSONPointer("/image_url"))
        #expect(found.last?.schemaLocation == "#/oneOf/1/properties/image_url/type")
        #expect(found.last?.message == #"expected object, got string "http://x""#)
    }

    @Test func scalarAlternativesListTheirConstantsAndTypes() throws {
        let schema = try compile(#"{"anyOf":[{"const":"auto"},{"const":"none"},{"type":"object"}]}"#)
        let found = try violations(of: #""autox""#, against: schema)
        #expect(
            found.map(\.message) == [
                #"matches none of the 3 alternatives of anyOf: expected "auto", "none" or any object, got "autox""#
            ])
    }

    @Test func matchingMoreThanOneAlternativeOfOneOfNamesThem() throws {
        let schema = try compile(#"{"oneOf":[{"type":"number"},{"type":"integer","minimum":0},{"type":"string"}]}"#)
        let found = try violations(of: "5", against: schema)
        #expect(found.map(\.message) == ["matches 2 alternatives of oneOf (oneOf/0, oneOf/1), but must match exactly one"])
        #expect(try schema.isValid(JSON(parsing: #""x""#)))
    }

    @Test func closestAlternativeViolationsKeepTheirInstancePointers() throws {
        let schema = try compile(#"{"items":{"anyOf":[{"type":"string"},{"type":"object","required":["text"]}]}}"#)
        let found = try violations(of: #"["a",{}]"#, against: schema)
        #expect(
            found.map(\.description) == [
                "/1: matches none of the 2 alternatives of anyOf; closest is anyOf/1 (1 violation, listed next); anyOf/0: expected string, got object {}",
                #"/1: required property "text" is missing"#,
            ])
    }

    @Test func alternativesBehindReferencesAreExplainedToo() throws {
        let schema = try compile(
            ##"""
            {"$defs": {"text": {"properties": {"type": {"const": "text"}}},
                       "image": {"properties": {"type": {"enum": ["image", "image_url"]}}}},
             "anyOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/image"}]}
            """##)
        let found = try violations(of: #"{"type":"video"}"#, against: schema)
        #expect(
            found.map(\.message) == [
                #"matches none of the 2 alternatives of anyOf: "type" is "video", expected one of ["text", "image", "image_url"]"#
            ])
    }
}
