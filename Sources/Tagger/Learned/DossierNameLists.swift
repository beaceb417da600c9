import Foundation

/// The known names the learned labeller's membership features read, built from Dossier's
/// bundled general knowledge: countries, their aliases, capitals and demonyms
/// (`countries.json`), cities and provinces (`places.json`), and the organisations, groups
/// and places of `gazetteer.json`. Persons are left out: a list of people is not general
/// knowledge, and the model must learn person names from their shape and context.
public enum DossierNameLists {
    /// Reads the three resource files in `directory`.
    ///
    /// Throws `TaggerError` naming the file that is missing or not in the expected shape.
    public static func names(inResourceDirectory directory: URL) throws(TaggerError) -> NameList {
        var names: [(String, EntityClass)] = []
        func load(_ file: String) throws(TaggerError) -> Any {
            let url = directory.appendingPathComponent(file)
            do {
                return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
            } catch {
                throw .unreadable(path: url.path, reason: "\(error)")
            }
        }
        guard let countries = try load("countries.json") as? [[String: Any]] else {
            throw .malformed(path: directory.appendingPathComponent("countries.json").path, line: nil, reason: "expected an array of objects")
        }
        for country in countries {
            if let name = country["name"] as? String { names.append((name, .location)) }
            for alias in country["aliases"] as? [String] ?? [] { names.append((alias, .location)) }
            if let capital = country["capital"] as? String { names.append((capital, .location)) }
            for demonyms in country["demonyms"] as? [String] ?? [] {
                for demonym in demonyms.split(separator: ",") { names.append((String(demonym), .miscellaneous)) }
            }
        }
        guard let places = try load("places.json") as? [[String]] else {
            throw .malformed(path: directory.appendingPathComponent("places.json").path, line: nil, reason: "expected an array of [name, country code]")
        }
        for place in places { if let name = place.first { names.append((name, .location)) } }
        guard let gazetteer = try load("gazetteer.json") as? [String: Any], let actors = gazetteer["actors"] as? [[String: Any]] else {
            throw .malformed(path: directory.appendingPathComponent("gazetteer.json").path, line: nil, reason: "expected an object with an \"actors\" array")
        }
        for actor in actors {
            let entity: EntityClass
            switch actor["type"] as? String {
            case "organization", "group": entity = .organization
            case "location", "country": entity = .location
            default: continue
            }
            if let name = actor["name"] as? String { names.append((name, entity)) }
            for alias in actor["aliases"] as? [String] ?? [] { names.append((alias, entity)) }
        }
        return NameList(names: names)
    }
}
