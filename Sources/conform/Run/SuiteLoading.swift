import ConformSchema
import ConformSuite

/// The fixtures and schemas of a checkout, loaded and checked before anything runs.
struct SuiteLoading {
    let fixtures: FixtureSet
    let schemas: SchemaCatalog

    static func load(layout: ProjectLayout, requireGoldens: Bool) throws(CommandFailure) -> SuiteLoading {
        let catalog: SchemaCatalog
        do {
            catalog = try SchemaCatalog(directory: layout.schemas)
        } catch {
            throw CommandFailure(message: "the schemas cannot be loaded: \(error)")
        }
        do {
            let fixtures = try FixtureLoader(directory: layout.fixtures, schemas: catalog, requireGoldens: requireGoldens).load()
            return SuiteLoading(fixtures: fixtures, schemas: catalog)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
